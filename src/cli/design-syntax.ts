/**
 * Syntax errors of a design file, with precise line and column, from a bare TypeScript parse (no
 * program, no imports followed, no type checking). Loaded only on a design-meta cache miss, so a
 * repeated `gen` never loads the TypeScript compiler.
 */
import { readFileSync } from 'node:fs';
import { ts } from 'ts-morph';
import type { Diagnostic } from '../diag/error.ts';

/** Syntax diagnostics only (fast: no type checking, no imports followed). */
export function syntaxErrors(file: string): Diagnostic[] {
  // A bare parse (no program, no imports followed): parse diagnostics are the syntax errors.
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const parseDiagnostics = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? [];
  return parseDiagnostics.map((d) => {
    const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
    return {
      severity: 'error' as const,
      message: `TypeScript syntax error: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
      loc: { file, line: pos.line + 1, col: pos.character + 1 },
    };
  });
}
