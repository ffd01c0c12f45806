// Stack traces that name src/ files and lines, mapped through dist/'s source maps only when a trace is printed — bug reports of the XEP-0045 simulator
// Node's --enable-source-maps reads every map as its module loads, a cost on each start-up;
// this reads a map the first time a printed frame lies in its file.
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Maps the frames of every stack trace formatted from now on that lie in files under `dist`. */
export function mapStackTraces(dist: string): void {
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (file: string): SourceMap | undefined => {
    if (!maps.has(file)) {
      let map: SourceMap | undefined;
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
      } catch {
        map = undefined;
      }
      maps.set(file, map);
    }
    return maps.get(file);
  };
  const frame = (site: NodeJS.CallSite): string => {
    const text = String(site);
    const name = site.getFileName();
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    if (!name || line === null || column === null) return text;
    const file = name.startsWith('file:') ? fileURLToPath(name) : name;
    if (!file.startsWith(dist)) return text;
    const entry = mapOf(file)?.findEntry(line - 1, column - 1);
    if (!entry || !('originalSource' in entry)) return text;
    const source = resolve(dirname(file), entry.originalSource);
    const at = `${name}:${line}:${column}`;
    const index = text.lastIndexOf(at);
    if (index < 0) return text;
    const original = `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    return text.slice(0, index) + original + text.slice(index + at.length);
  };
  Error.prepareStackTrace = (error: Error, sites: NodeJS.CallSite[]) =>
    [Error.prototype.toString.call(error), ...sites.map((site) => `    at ${frame(site)}`)].join(
      '\n',
    );
}
