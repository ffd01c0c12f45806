// Types of scripts/build.mjs for the tests of the build — the mucsim command (XEP-0045 debugger) as bundles
export const ENTRY: string;
export const METAFILE: string;
export function buildDist(): Promise<void>;
export function staleBecause(): string | undefined;
