// Terminal colours that honour NO_COLOR and FORCE_COLOR — output of the XEP-0045 runner and explanations
export interface Palette {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  cyan(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) =>
  `\u001b[${open}m${text}\u001b[${close}m`;

const colored: Palette = {
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
};

const identity = (text: string) => text;
const plain: Palette = {
  red: identity,
  green: identity,
  yellow: identity,
  cyan: identity,
  dim: identity,
  bold: identity,
};

/** https://no-color.org: NO_COLOR (non-empty) wins; FORCE_COLOR (not 0) forces; else colour only on a TTY. */
export function paletteFor(env: NodeJS.ProcessEnv, isTTY: boolean): Palette {
  if (env.NO_COLOR) return plain;
  if (env.FORCE_COLOR !== undefined)
    return env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false' ? plain : colored;
  return isTTY ? colored : plain;
}
