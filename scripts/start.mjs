// `npm start [-- args]`: runs the built mucsim (the XEP-0045 debugger) in this process, rebuilding dist/ first only when a source is newer
// package.json gives the arguments (the debugger on lesson 1). A build takes about two seconds;
// checking an up-to-date one costs a few stat() calls, so the first frame comes as fast as from dist/.
import { pathToFileURL } from 'node:url';
import { buildDist, ENTRY, staleBecause } from './build.mjs';

const reason = staleBecause();
if (reason) {
  process.stderr.write(`mucsim: ${reason} is newer than the build; rebuilding dist/…\n`);
  await buildDist();
}
process.argv = [process.argv[0], ENTRY, ...process.argv.slice(2)];
await import(pathToFileURL(ENTRY).href);
