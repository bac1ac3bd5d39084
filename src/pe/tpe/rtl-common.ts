/**
 * What every TPE array generator shares: operand/result types of a configuration, the options, and
 * the refusal of options this build cannot make yet (named, with the reason).
 */
import { sint, uint, type HwType } from '../../dsl/types.ts';
import { userError } from '../../diag/error.ts';
import { tpeCallerLoc } from './located.ts';
import { tpeAccW, tpeResultSigned, type TpeParams } from './params.ts';

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

/** Refuse options this generator does not build yet (named, with the reason). */
export function checkBuildable(p: TpeParams): void {
  if (p.form === 'opt') {
    throw userError(
      `tpe ${p.arch}: form opt is not available in this build`,
      'the OPT forms need the compressor trees of src/lib/arith (lib-arith branch), not merged yet; use form baseline',
      tpeCallerLoc(),
    );
  }
  if (p.edgeCpa !== 'plus') {
    throw userError(`tpe ${p.arch}: edgeCpa ${p.edgeCpa} is not available in this build`, 'the CPA kinds come from src/lib/arith (not merged yet); use plus', tpeCallerLoc());
  }
}
