/**
 * User-facing diagnostics. A `LowbitError` is a user mistake (bad design, bad parameter, bad
 * vector file): the CLI prints `file:line:col: error: <what> — <hint>` and exits 1, never a stack.
 * Anything else that escapes is an internal bug and is printed with its stack.
 */

/** A position in a user's source file (1-based line and column). */
export interface SourceLoc {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly severity: Severity;
  readonly message: string;
  readonly hint?: string;
  readonly loc?: SourceLoc;
}

/** Render one diagnostic the way compilers do: `path:LINE:COL: error: what — hint`. */
export function formatDiagnostic(d: Diagnostic, cwd: string = process.cwd()): string {
  const where = d.loc ? `${relativeTo(cwd, d.loc.file)}:${d.loc.line}:${d.loc.col}: ` : '';
  const hint = d.hint ? ` — ${d.hint}` : '';
  return `${where}${d.severity}: ${d.message}${hint}`;
}

function relativeTo(cwd: string, file: string): string {
  return file.startsWith(cwd + '/') ? file.slice(cwd.length + 1) : file;
}

/** A user mistake carrying one or more diagnostics (all errors, or errors plus warnings). */
export class LowbitError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: Diagnostic | readonly Diagnostic[]) {
    const list = Array.isArray(diagnostics) ? diagnostics : [diagnostics as Diagnostic];
    super(list.map((d) => formatDiagnostic(d)).join('\n'));
    this.name = 'LowbitError';
    this.diagnostics = list;
  }
}

/** Shorthand for throwing a single located error. */
export function userError(message: string, hint?: string, loc?: SourceLoc): LowbitError {
  return new LowbitError({ severity: 'error', message, hint, loc });
}

/** True for a LowbitError from any copy of this package (the design may load its own copy). */
export function isLowbitError(e: unknown): e is LowbitError {
  return e instanceof Error && Array.isArray((e as Partial<LowbitError>).diagnostics);
}
