/**
 * Hardware-side half of check.ts: raise a Problem at the user's call site. captureLoc skips frames
 * inside src/dsl, src/ir and src/lib, so the location is the line in the user's design that called
 * the block. Golden twins call `raise` from check.ts directly (no DSL import).
 */
import { captureLoc } from '../../dsl/source-loc.ts';
import { raise, type Problem } from './check.ts';

/** Throw `problem` (if any) located at the user's call. */
export function fail(problem: Problem | undefined): void {
  if (problem) raise(problem, captureLoc());
}
