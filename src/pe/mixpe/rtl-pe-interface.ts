/**
 * The contract between the MixPE array (rtl-array.ts) and a processing-element generator, so
 * the array takes any PE: the INT8 shift-and-add PE (rtl-pe-int.ts) or an FP16-activation PE.
 *
 * A PE computes the exact group sum P_g = Σ_{k∈g} x_k·Q_k of one (m, n) over the G beats of a
 * group and hands it to the array when the group ends. Ports (names and types are checked by
 * `checkPe` when the array is built):
 *
 * | port     | dir | type                        | meaning |
 * |----------|-----|-----------------------------|---------|
 * | `clk`    | in  | clock                       | rising edge |
 * | `rst`    | in  | sync, active high           | clears the accumulator (and any valid bits) |
 * | `x`      | in  | `pe.act` (INT8: sint(8); FP16: uint(16) code) | activation of this beat |
 * | `q`      | in  | weight: sint/uint(weightBits) | weight of this beat (the row edge ties it to 1 to form R_g) |
 * | `en`     | in  | uint(1)                     | a beat is accepted this cycle (x, q valid) |
 * | `last`   | in  | uint(1)                     | qualified by `en`: this beat is the last (G-th) of its group |
 * | `pg`     | out | sint(`pgWidth`)             | P_g as an exact integer, value `pg · 2^pgLsbExp` |
 * | `pg_sp`  | out | uint(2), only if `special`  | special flag of P_g: 0 finite, 1 +Inf, 2 −Inf, 3 NaN |
 *
 * `pgForm = 'FP32'` (FP activations, `accMode = FP32_RNE`): `pg` is instead the FP32 code of the
 * group sum (uint(32), `accW = 32`, IEEE specials in the code, no `pg_sp`, `pgLsbExp` unused).
 * `pgForm = 'BLOCK'` (FP activations, `accMode = BLOCK_ALIGN`): `pg` is the block accumulator
 * (sint(accW)) and an extra output `pg_e` (uint(`groupTopWidth(p)`)) its ceiling in the encoding
 * of src/lib/fp/block-acc.ts: golden `top = pg_e + 1 − bias − manBits` (0: empty, pg = 0), value
 * `pg · 2^(top − sigW − guardBits)`; `pg_sp` as for `FIXED`.
 *
 * Timing: `pg`/`pg_sp` must equal the complete group sum (the last beat included) during the
 * cycle exactly `latency` clocks after the cycle in which `en && last` was high; the array
 * samples them at the end of that cycle. `latency = 0` means `pg` is combinational from the
 * registered accumulator and the current beat. Internal pipelines must be free-running (never
 * stalled by `en`), `latency < 32` (so < G), and the accumulator restarts for the next group
 * without losing a beat (beats may arrive back to back). Between group ends `pg` is don't care.
 * The value must follow level b (golden-group.ts `groupSum`) bit for bit, in an `accW`-bit
 * register (`pgWidth = accW`): INT8 `pgLsbExp = 0`; FP `EXACT_WIDE` the Kulisch LSB
 * `quantumExp(activation format)` (−24 for FP16) with `pg_sp` following IEEE addition.
 * The table is `mixpePeContract(p)`, a generic `PeContract` checked by src/lib/array
 * pe-contract.ts (ports, clocking, latency); `checkPe` adds the MixPE width/LSB rules.
 */
import type { ModuleDef } from '../../dsl/module-builder.ts';
import { sint, uint, type HwType } from '../../dsl/types.ts';
import { userError } from '../../diag/error.ts';
import { checkPeContract, groupPePorts, type PeContract } from '../../lib/array/pe-contract.ts';
import { activationFormat, mixpeWidths, type MixpeParams } from './params.ts';

/** A generated PE and what the array needs to know about it. */
export interface MixpePe {
  readonly def: ModuleDef;
  /** Type of the `x` port. */
  readonly act: HwType;
  /** Width of `pg` (must equal `p.accW`). */
  readonly pgWidth: number;
  /** Exponent of pg's LSB (must equal `mixpeWidths(p).pg.lsbExp`). */
  readonly pgLsbExp: number;
  /** The PE has a `pg_sp` special-flag output (FP activations). */
  readonly special: boolean;
  /** Cycles from the accepted last beat to `pg` (0 … 31). */
  readonly latency: number;
  /** How `pg` carries P_g (default `FIXED`: an exact integer at `pgLsbExp`; `FP32`: an FP32 code). */
  readonly pgForm?: PgForm;
  /**
   * Type of the `q` port when it is not `weightType(p)`: uint(weightBits + 1) for a zero-folded
   * PE, which takes Q − z from the column edge as sign-magnitude `{sign, |Q − z|}` and returns
   * u = P_g − z·R_g as `pg`.
   */
  readonly weight?: HwType;
  /**
   * Optional variant of `def` with one more input `x3` (sint(10), 3 · x, formed once per row by
   * rtl-pe-int.ts `intRowMultiplesModule`): the array's columns use it when present (same results,
   * same `latency`). A wrapper that changes `def` (e.g. adds pipeline stages) must drop or rebuild it.
   */
  readonly x3Def?: ModuleDef;
}

/** How a PE carries P_g: an exact integer, an FP32 code, or a block accumulator with its ceiling. */
export type PgForm = 'FIXED' | 'FP32' | 'BLOCK';

/** The form `p` requires: FP32 for FP activations with FP32_RNE, BLOCK with BLOCK_ALIGN, else FIXED. */
export function requiredPgForm(p: MixpeParams): PgForm {
  if (p.activation === 'INT8') return 'FIXED';
  return p.accMode === 'FP32_RNE' ? 'FP32' : p.accMode === 'BLOCK_ALIGN' ? 'BLOCK' : 'FIXED';
}

/**
 * Width of the block ceiling `pg_e` (`pgForm = 'BLOCK'`): a term's ceiling is `E + msb(S)`,
 * at most (2^expBits − 2) + (sigW − 1) for a finite activation.
 */
export function groupTopWidth(p: MixpeParams): number {
  const f = activationFormat(p);
  return Math.ceil(Math.log2(2 ** f.expBits - 2 + mixpeWidths(p).sigW));
}

/** Type of the `pg` port, the drain chains and the epilogue's `p_head` / `r_head` inputs. */
export function pgType(p: MixpeParams, pe: Pick<MixpePe, 'pgForm'>): HwType {
  return pe.pgForm === 'FP32' ? uint(32) : sint(p.accW);
}

/** A PE generator: one PE module per parameter set. */
export type MixpePeGenerator = (p: MixpeParams) => MixpePe;

/** Weight port type of `p`. */
export function weightType(p: MixpeParams): HwType {
  return p.weightSigned ? sint(p.weightBits) : uint(p.weightBits);
}

/** Activation port type of `p`: INT8 values or 16-bit FP codes. */
export function activationType(p: MixpeParams): HwType {
  return p.activation === 'INT8' ? sint(8) : uint(16);
}

/** The MixPE PE contract for `p` as a table (see the header). */
export function mixpePeContract(p: MixpeParams, special: boolean, pgForm: PgForm = 'FIXED', weight: HwType = weightType(p)): PeContract {
  const [en, last] = groupPePorts();
  return {
    family: 'MixPE',
    docRef: 'src/pe/mixpe/rtl-pe-interface.ts',
    ports: [
      { name: 'x', dir: 'input', type: activationType(p), meaning: 'activation of this beat' },
      { name: 'q', dir: 'input', type: weight, meaning: 'weight of this beat (the row edge ties it to 1 to form R_g)' },
      en!,
      last!,
      pgForm === 'FP32'
        ? { name: 'pg', dir: 'output', type: uint(32), meaning: 'P_g as an FP32 code' }
        : { name: 'pg', dir: 'output', type: sint(p.accW), meaning: 'P_g as an exact integer, value pg · 2^pgLsbExp' },
      ...(pgForm === 'BLOCK' ? [{ name: 'pg_e', dir: 'output' as const, type: uint(groupTopWidth(p)), meaning: 'block ceiling of pg (0: empty)' }] : []),
      ...(special ? [{ name: 'pg_sp', dir: 'output' as const, type: uint(2), meaning: 'special flag of P_g: 0 finite, 1 +Inf, 2 −Inf, 3 NaN' }] : []),
    ],
    clock: 'clk',
    reset: { name: 'rst', style: 'sync', activeLow: false },
    latency: { min: 0, max: 31 },
  };
}

/** Check a PE against the contract for `p`; a mismatch is a `LowbitError` naming the port. */
export function checkPe(pe: MixpePe, p: MixpeParams): void {
  const w = mixpeWidths(p);
  const form = requiredPgForm(p);
  if ((pe.pgForm ?? 'FIXED') !== form) {
    throw userError(
      `MixPE PE '${pe.def.name}': P_g form ${pe.pgForm ?? 'FIXED'} does not match accMode ${p.accMode} with ${p.activation} activations`,
      `this configuration carries P_g as ${form} (rtl-pe-interface.ts pgForm)`,
    );
  }
  if (pe.weight && (p.weightSigned || form !== 'FIXED')) {
    throw userError(`MixPE PE '${pe.def.name}': a folded (Q − z) weight port needs unsigned weights and accMode EXACT_WIDE`);
  }
  checkPeContract(pe.def, pe.latency, mixpePeContract(p, pe.special, pe.pgForm, pe.weight));
  if (pe.pgWidth !== p.accW) throw userError(`MixPE PE '${pe.def.name}': pgWidth ${pe.pgWidth} must equal accW = ${p.accW}`);
  if (form === 'FIXED' && pe.pgLsbExp !== w.pg.lsbExp) {
    throw userError(`MixPE PE '${pe.def.name}': P_g LSB exponent ${pe.pgLsbExp} does not match the level-b register (${String(w.pg.lsbExp)})`);
  }
}
