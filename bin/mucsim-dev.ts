// `npm run dev -- <args>`: the mucsim command (XEP-0045 simulator and debugger) straight from the TypeScript sources, with tsx, no build
import { main } from '../src/cli/main.js';

process.exitCode = await main(process.argv);
