// scansion script model — the characters and steps of a XEP-0045 scenario (§7–§10) as parsed from a .scs file
export type ActionKind = 'connects' | 'disconnects' | 'sends' | 'receives';

export interface ClientDefinition {
  name: string;
  /** A bare JID, or a full JID that fixes the resource. */
  jid: string;
  password?: string;
  resource?: string;
  connectHost?: string;
  connectPort?: number;
  /** 1-based line of the `[Client] Name` header. */
  line: number;
}

export interface Action {
  kind: ActionKind;
  client: string;
  /** 1-based position of the action line. */
  line: number;
  column: number;
  /** The raw indented XML block of `sends`/`receives`, lines joined with `\n`. */
  xml?: string;
  /** 1-based line of the first line of `xml`. */
  xmlLine?: number;
  /** `receives: nothing`. */
  nothing?: boolean;
  /** The `#` comment lines since the previous action, without the `# ` marker: prose for the TUI. */
  narration: string[];
}

export interface ScriptComment {
  line: number;
  /** The whole comment line, marker included (`# …`, `// …`, `-- …`). */
  text: string;
}

export interface ScriptWarning {
  line: number;
  column: number;
  message: string;
}

export interface Script {
  file: string;
  title?: string;
  description?: string;
  tags: string[];
  clients: ClientDefinition[];
  actions: Action[];
  /** Every comment line outside the title/description/tags block, narration included. */
  comments: ScriptComment[];
  /** `#` comment lines after the last action (e.g. `recording ended on …`), without the marker. */
  epilogue: string[];
  warnings: ScriptWarning[];
}

/** A script without clients or steps: where the parser starts, and a debugger session with nothing loaded. */
export function emptyScript(file = 'session.scs'): Script {
  return { file, tags: [], clients: [], actions: [], comments: [], epilogue: [], warnings: [] };
}
