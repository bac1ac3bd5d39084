/**
 * What every command shares: the printer, usage errors and option parsing. Commands import this
 * module, never `main.ts` (which imports the commands): no import cycle.
 */
import { parseArgs } from 'node:util';
import { formatDiagnostic, type Diagnostic } from '../diag/error.ts';

/** A malformed command line: `error: <message> — run 'lowbit-hdl --help' for usage`, exit 2. */
export class UsageError extends Error {}

export type Printer = { out: (s: string) => void; err: (s: string) => void };
export const stdio: Printer = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export function printDiagnostics(diags: readonly Diagnostic[], p: Printer = stdio): void {
  for (const d of diags) p.err(formatDiagnostic(d) + '\n');
}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

/**
 * parseArgs, strict, with exactly `positionals` positional arguments. A single-valued option given
 * twice is a usage error (parseArgs would silently keep the last one).
 */
export function parseCommand(args: readonly string[], options: OptionSpec, positionals: number): { values: OptionValues; positionals: string[] } {
  const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true, tokens: true });
  const seen = new Set<string>();
  for (const t of parsed.tokens ?? []) {
    if (t.kind !== 'option' || options[t.name]?.multiple) continue;
    if (seen.has(t.name)) throw new UsageError(`--${t.name} is given more than once`);
    seen.add(t.name);
  }
  if (parsed.positionals.length !== positionals) {
    throw new UsageError(`expected ${positionals} argument${positionals === 1 ? '' : 's'}, got ${parsed.positionals.length}`);
  }
  return { values: parsed.values as OptionValues, positionals: parsed.positionals };
}
