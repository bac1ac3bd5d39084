/**
 * The shared TPE MAC cores (src/pe/tpe/rtl-mac.ts) in the IR simulator: `cpaMac` is
 * acc + a·b (mod 2^accW), `carrySaveMac` leaves sum + carry ≡ rows + a·b (mod 2^accW) and
 * `edgeCpa` turns (sum, carry) into C — exhaustive over every INT4 operand pair, every signedness
 * pair, both recoders, both sign extensions and both tree schedules, with seeded random rows.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { elaborate } from '../../../src/dsl/elaborate.ts';
import { uint } from '../../../src/dsl/types.ts';
import { IrSimulator } from '../../../src/interp/ir-simulator.ts';
import { tpeParams, type TpeParams } from '../../../src/pe/tpe/params.ts';
import { tpeTypes } from '../../../src/pe/tpe/rtl-common.ts';
import { carrySaveMac, cpaMac, edgeCpa, operandTag, optTag } from '../../../src/pe/tpe/rtl-mac.ts';
import { Prng } from '../../../src/util/prng.ts';

const field = (x: bigint, w: number, signed: boolean) => (signed ? BigInt.asIntN(w, x) : BigInt.asUintN(w, x));

function run(p: TpeParams): number {
  const t = tpeTypes(p);
  const W = t.acc.width;
  const def = module('mac', (m) => {
    const a = m.input('a', t.a);
    const b = m.input('b', t.b);
    const acc = m.input('acc', t.acc);
    const s = m.input('s', uint(W));
    const c = m.input('c', uint(W));
    m.output('mac_out', cpaMac(m, acc, a, b, p));
    const next = carrySaveMac(m, a, b, [s, c], p);
    m.output('cs_sum', next.sum);
    m.output('cs_carry', next.carry);
    m.output('edge', edgeCpa(s, c, p));
  }, { clock: null });
  const sim = new IrSimulator(elaborate(def).design);
  const rng = new Prng(p.W * 7 + (p.aSigned ? 1 : 0) + (p.bSigned ? 2 : 0));
  const mod = (v: bigint) => BigInt.asUintN(W, v);
  let n = 0;
  for (let x = 0n; x < 1n << BigInt(p.W); x++) {
    for (let y = 0n; y < 1n << BigInt(p.W); y++) {
      const acc = rng.bits(W);
      const s = rng.bits(W);
      const c = rng.bits(W);
      for (const [port, v] of [['a', x], ['b', y], ['acc', acc], ['s', s], ['c', c]] as const) sim.poke(port, v);
      sim.eval();
      const prod = field(x, p.W, p.aSigned) * field(y, p.W, p.bSigned);
      expect(mod(sim.peek('mac_out'))).toBe(mod(field(acc, W, t.acc.signed) + prod));
      expect(mod(sim.peek('cs_sum') + sim.peek('cs_carry')), `a=${x} b=${y}`).toBe(mod(s + c + prod));
      expect(mod(sim.peek('edge'))).toBe(mod(s + c));
      n++;
    }
  }
  return n;
}

describe('TPE MAC cores', () => {
  it('exact modulo 2^accW for every INT4 operand pair, signedness, recoder, sign extension and tree', () => {
    let n = 0;
    for (const [aSigned, bSigned] of [[true, true], [true, false], [false, true], [false, false]] as const) {
      for (const [recoder, signExt, tree, compress42] of [['booth', 'full', 'dadda', false], ['ent', 'eliminated', 'wallace', true]] as const) {
        n += run(tpeParams('systolic-os', 'opt', { m: 1, k: 4, n: 1, W: 4, aSigned, bSigned, recoder, signExt, tree, compress42 }));
      }
    }
    expect(n).toBe(8 * 256);
  });
  it('the paper-size Cube PE core (INT8 signed, Booth, eliminated sign extension, accW 19): exact with two rows and with none, every a against corner and seeded b', () => {
    // Every INT4 pair is covered above; at INT8 every a meets b's corners and a few seeded values
    // (all 65536 pairs take over a minute in the IR simulator).
    const p = tpeParams('cube', 'opt', { m: 8, k: 8, n: 8, signExt: 'eliminated' });
    const W = tpeTypes(p).acc.width;
    const t = tpeTypes(p);
    const def = module('mac8', (m) => {
      const a = m.input('a', t.a);
      const b = m.input('b', t.b);
      const s = m.input('s', uint(W));
      const c = m.input('c', uint(W));
      const two = carrySaveMac(m, a, b, [s, c], p);
      const none = carrySaveMac(m, a, b, [], p);
      m.output('sum2', two.sum);
      m.output('carry2', two.carry);
      m.output('sum0', none.sum);
      m.output('carry0', none.carry);
    }, { clock: null });
    const sim = new IrSimulator(elaborate(def).design);
    const rng = new Prng(19);
    const mod = (v: bigint) => BigInt.asUintN(W, v);
    let n = 0;
    const bs = [-128n, -127n, -1n, 0n, 1n, 127n, ...Array.from({ length: 4 }, () => BigInt(rng.int(-128, 127)))].map((v) => BigInt.asUintN(8, v));
    for (let x = 0n; x < 256n; x++) {
      for (const y of bs) {
        const sv = rng.bits(W);
        const cv = rng.bits(W);
        for (const [port, v] of [['a', x], ['b', y], ['s', sv], ['c', cv]] as const) sim.poke(port, v);
        sim.eval();
        const prod = field(x, 8, true) * field(y, 8, true);
        expect(mod(sim.peek('sum2') + sim.peek('carry2'))).toBe(mod(sv + cv + prod));
        expect(mod(sim.peek('sum0') + sim.peek('carry0'))).toBe(mod(prod));
        n++;
      }
    }
    expect(n).toBe(2560);
  });
  it('module-name tags name operands, result width and the tree options', () => {
    const p = tpeParams('cube', 'opt', { m: 8, k: 8, n: 8, aSigned: false, compress42: true });
    expect(operandTag(p)).toBe('u8s8_acc20');
    expect(optTag(p)).toBe('booth_u8s8_acc20_dadda42_full');
  });
});
