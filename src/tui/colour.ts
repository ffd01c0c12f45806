// Whether the debugger uses colour: NO_COLOR, FORCE_COLOR, else a TTY (no React here: the CLI imports it) — output hygiene of the XEP-0045 views (§5, §7)

/** https://no-color.org: NO_COLOR (non-empty) wins; FORCE_COLOR (not 0/false) forces; else colour on a TTY. */
export function colourWanted(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY;
}
