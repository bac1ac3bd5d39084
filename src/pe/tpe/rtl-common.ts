/**
 * What every TPE array generator shares: operand/result types of a configuration, the options, and
 * the refusal of options this build cannot make yet (named, with the reason).
 */
import { sint, uint, type HwType } from '../../dsl/types.ts';
import { userError } from '../../diag/error.ts';
import { tpeCallerLoc } from './located.ts';
import { tpeAccW, tpeRecoderInUse, tpeResultSigned, type TpeParams } from './params.ts';

export interface TpeArrayOptions {
  /** Top module name (default `tpe_<arch>_<form>`). */
  readonly name?: string;
}

/** Operand and result types of a configuration. */
export function tpeTypes(p: TpeParams): { a: HwType; b: HwType; acc: HwType } {
  const accW = tpeAccW(p);
  return {
    a: p.aSigned ? sint(p.W) : uint(p.W),
    b: p.bSigned ? sint(p.W) : uint(p.W),
    acc: tpeResultSigned(p) ? sint(accW) : uint(accW),
  };
}

/** Refuse a form this generator does not build yet (named, with the reason). */
export function checkBuildable(p: TpeParams, optBuilt: boolean): void {
  if (p.form === 'opt' && !optBuilt) {
    throw userError(
      `tpe ${p.arch}: form opt is not available in this build`,
      'this architecture has only its baseline form so far; use form baseline',
      tpeCallerLoc(),
    );
  }
}

/** The recoder an opt form's partial products use (Booth when the form names none). */
export function tpeRecoder(p: TpeParams): 'booth' | 'ent' {
  return tpeRecoderInUse(p) ?? 'booth';
}
