/**
 * Booth and EN-T recoder hardware (src/lib/arith/recode.ts) against the golden twins: one module
 * batches 40 recoders (Booth and EN-T, signed and unsigned, widths 1..10, odd signed widths
 * sign-padded) that all read slices of one 10-bit input, so 2^10 vectors exhaust every operand of
 * every width; a second module holds 64/65/96/128-bit recoders under seeded random vectors. Each
 * recoder's digits (value and flags) are packed into one output and compared with the digits the
 * golden twin gives, on Verilator and Icarus. Lint-clean on all three front ends.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { cat } from '../../../src/dsl/ops.ts';
import { sint, uint } from '../../../src/dsl/types.ts';
import type { Signal } from '../../../src/dsl/signal.ts';
import { boothRecode, entRecode, type RecodedDigit } from '../../../src/lib/arith/recode.ts';
import { boothDigitsGolden, entDigitsGolden } from '../../../src/lib/arith/golden-recode.ts';
import { emitComb, rtlTests, fieldOf } from './harness.ts';

type Kind = 'booth' | 'ent';
interface Inst { kind: Kind; width: number; signed: boolean; input: number; lsb: number }

/** Digit fields packed LSB first, 7 bits per digit: value (sint3), neg, one, two, nz. */
function pack(ds: RecodedDigit[]): Signal {
  return cat(...ds.slice().reverse().map((d) => cat(d.nz, d.two, d.one, d.neg, d.value.asUnsigned())));
}

function expectedPacked(digits: number[]): bigint {
  let out = 0n;
  digits.forEach((d, k) => {
    const field = BigInt.asUintN(3, BigInt(d)) | (BigInt(d < 0) << 3n) | (BigInt(Math.abs(d) === 1) << 4n) | (BigInt(Math.abs(d) === 2) << 5n) | (BigInt(d !== 0) << 6n);
    out |= field << BigInt(7 * k);
  });
  return out;
}

function build(name: string, inputWidths: number[], insts: Inst[]) {
  return module(name, (m) => {
    const xs = inputWidths.map((w, i) => m.input(`x${i}`, uint(w)));
    for (const it of insts) {
      let a = xs[it.input]!.slice(it.lsb + it.width - 1, it.lsb);
      if (it.signed) a = a.asSigned();
      const ds = (it.kind === 'booth' ? boothRecode : entRecode)(a, { signPad: true });
      m.output(`${it.kind}_${it.signed ? 's' : 'u'}${it.width}`, pack(ds));
    }
  }, { clock: null });
}

function golden(insts: Inst[]) {
  return ([xs]: bigint[][]): bigint[][] => [
    insts.map((it) => {
      const a = fieldOf(xs![it.input]!, it.lsb, it.width, it.signed);
      const f = it.kind === 'booth' ? boothDigitsGolden : entDigitsGolden;
      return expectedPacked(f(a, it.width, it.signed, { signPad: true }));
    }),
  ];
}

const small: Inst[] = [];
for (const kind of ['booth', 'ent'] as const) for (const signed of [true, false]) for (let w = 1; w <= 10; w++) small.push({ kind, width: w, signed, input: 0, lsb: 0 });

const wide: Inst[] = [];
for (const kind of ['booth', 'ent'] as const) {
  wide.push({ kind, width: 64, signed: true, input: 0, lsb: 0 }, { kind, width: 64, signed: false, input: 0, lsb: 0 });
  wide.push({ kind, width: 65, signed: true, input: 1, lsb: 0 }, { kind, width: 96, signed: false, input: 1, lsb: 0 });
  wide.push({ kind, width: 128, signed: true, input: 2, lsb: 0 });
}

describe('boothRecode / entRecode RTL', () => {
  const narrow = emitComb(build('recode_small', [10], small), 'recode-small');
  const broad = emitComb(build('recode_wide', [64, 96, 128], wide), 'recode-wide');

  it('has the digit counts of the definition', () => {
    const ports = Object.fromEntries(narrow.target.outputs.map((p) => [p.name, p.width / 7]));
    expect(ports).toMatchObject({ booth_s8: 4, booth_u8: 5, booth_s7: 4, booth_u7: 4, ent_s8: 4, ent_u8: 5, ent_s1: 1, ent_u1: 1 });
  });

  rtlTests([
    { title: 'equals the golden digits for every operand of every width 1..10', rtl: narrow, golden: golden(small), exhaustive: 1024 },
    { title: 'equals the golden digits on seeded random 64..128-bit operands', rtl: broad, golden: golden(wide), seeded: { count: 2000, seed: 3, minPassed: 2200 } },
  ]);

  it('rejects an odd signed width without sign padding, with the golden twin\'s message', () => {
    let hw = '';
    module('bad', (m) => {
      try {
        boothRecode(m.input('a', sint(7)));
      } catch (e) {
        hw = (e as Error).message;
      }
    }, { clock: null });
    let gold = '';
    try {
      boothDigitsGolden(0n, 7, true);
    } catch (e) {
      gold = (e as Error).message;
    }
    expect(hw).toMatch(/recode\.test\.ts:\d+:\d+: error: radix-4 Booth recoding of a 7-bit signed operand needs an even width/);
    expect(hw.replace(/^.*error: /, '')).toBe(gold.replace(/^error: /, ''));
  });
});
