// A .scs syntax error with its position and what was expected — for scripts that drive XEP-0045 scenarios (§7–§10)
export class ScriptSyntaxError extends Error {
  override readonly name = 'ScriptSyntaxError';

  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    message: string,
    readonly expected: string,
  ) {
    super(message);
  }

  /** `file:line:column: message (expected …)`, the form editors and terminals link to. */
  override toString(): string {
    return `${this.file}:${this.line}:${this.column}: ${this.message} (expected ${this.expected})`;
  }
}
