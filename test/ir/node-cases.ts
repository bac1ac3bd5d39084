/**
 * Random IR node shapes for every combinational node kind, each with an independent bit-level
 * reference of its value: operand values are turned into strings of bits (two's complement, MSB
 * first) and every operator is computed on those strings or on small JS numbers (widths <= 20, so
 * products stay exact in a double). Used by the op-table eval test and the IrSimulator test.
 */
import fc from 'fast-check';
import { rangeOf, type WireType } from '../../src/ir/op-table.ts';
import type { NodeKind } from '../../src/ir/types.ts';

const u = (width: number): WireType => ({ width, signed: false });
const s = (width: number): WireType => ({ width, signed: true });

export const toBits = (v: bigint, t: WireType): string => {
  const n = Number(v);
  const mod = 2 ** t.width;
  return (((n % mod) + mod) % mod).toString(2).padStart(t.width, '0');
};
const fromBits = (b: string, signed: boolean): number => {
  const n = parseInt(b, 2);
  return signed && b[0] === '1' ? n - 2 ** b.length : n;
};
/** `n` reduced into `t` (the reference's own modulo on JS numbers). */
const fit = (n: number, t: WireType): number => fromBits(toBits(BigInt(n), t), t.signed);
const typeArb = (max = 20) => fc.record({ width: fc.integer({ min: 1, max }), signed: fc.boolean() });
export const valueOf = (t: WireType) => fc.integer({ min: Number(rangeOf(t).min), max: Number(rangeOf(t).max) }).map(BigInt);
const bitwiseRef = (a: string, b: string, f: (x: string, y: string) => string): string => [...a].map((x, i) => f(x, b[i]!)).join('');

export type NodeCase = { args: WireType[]; dst: WireType; extra?: Record<string, unknown>; ref: (v: number[], bits: string[]) => number };
/** For each kind: operand types (already grown), the result type, node extras and the reference value. */
export const NODE_CASES: Record<Exclude<NodeKind, 'reg'>, fc.Arbitrary<NodeCase>> = {
  add: typeArb().map((t) => ({ args: [t, t], dst: t, ref: (v) => fit(v[0]! + v[1]!, t) })),
  sub: typeArb().map((t0) => { const t = { ...t0, signed: true }; return { args: [t, t], dst: t, ref: (v) => fit(v[0]! - v[1]!, t) }; }),
  mul: typeArb(20).map((t) => ({ args: [t, t], dst: t, ref: (v) => fit(v[0]! * v[1]!, t) })),
  and: typeArb().map((t) => ({ args: [t, t], dst: t, ref: (_v, b) => fromBits(bitwiseRef(b[0]!, b[1]!, (x, y) => (x === '1' && y === '1' ? '1' : '0')), t.signed) })),
  or: typeArb().map((t) => ({ args: [t, t], dst: t, ref: (_v, b) => fromBits(bitwiseRef(b[0]!, b[1]!, (x, y) => (x === '1' || y === '1' ? '1' : '0')), t.signed) })),
  xor: typeArb().map((t) => ({ args: [t, t], dst: t, ref: (_v, b) => fromBits(bitwiseRef(b[0]!, b[1]!, (x, y) => (x !== y ? '1' : '0')), t.signed) })),
  eq: typeArb().map((t) => ({ args: [t, t], dst: u(1), ref: (v) => +(v[0] === v[1]) })),
  ne: typeArb().map((t) => ({ args: [t, t], dst: u(1), ref: (v) => +(v[0] !== v[1]) })),
  lt: typeArb().map((t) => ({ args: [t, t], dst: u(1), ref: (v) => +(v[0]! < v[1]!) })),
  le: typeArb().map((t) => ({ args: [t, t], dst: u(1), ref: (v) => +(v[0]! <= v[1]!) })),
  gt: typeArb().map((t) => ({ args: [t, t], dst: u(1), ref: (v) => +(v[0]! > v[1]!) })),
  ge: typeArb().map((t) => ({ args: [t, t], dst: u(1), ref: (v) => +(v[0]! >= v[1]!) })),
  not: typeArb().map((t) => ({ args: [t], dst: t, ref: (_v, b) => fromBits([...b[0]!].map((x) => (x === '1' ? '0' : '1')).join(''), t.signed) })),
  neg: typeArb().map((t0) => { const t = { ...t0, signed: true }; return { args: [t], dst: t, ref: (v) => fit(-v[0]!, t) }; }),
  redand: typeArb().map((t) => ({ args: [t], dst: u(1), ref: (_v, b) => +!b[0]!.includes('0') })),
  redor: typeArb().map((t) => ({ args: [t], dst: u(1), ref: (_v, b) => +b[0]!.includes('1') })),
  redxor: typeArb().map((t) => ({ args: [t], dst: u(1), ref: (_v, b) => [...b[0]!].filter((x) => x === '1').length % 2 })),
  const: typeArb().chain((t) => valueOf(t).map((c) => ({ args: [], dst: t, extra: { value: c.toString() }, ref: () => Number(c) }))),
  connect: typeArb().map((t) => ({ args: [t], dst: t, ref: (v) => v[0]! })),
  sext: fc.tuple(typeArb(), fc.nat(10)).map(([t0, d]) => { const t = { ...t0, signed: true }; const dst = s(t.width + d); return { args: [t], dst, ref: (_v, b) => fromBits(b[0]![0]!.repeat(d) + b[0]!, true) }; }),
  zext: fc.tuple(typeArb(), fc.nat(10), fc.boolean()).map(([t0, d, sg]) => { const t = { ...t0, signed: false }; const dst = { width: t.width + d + (sg ? 1 : 0), signed: sg }; return { args: [t], dst, ref: (_v, b) => fromBits('0'.repeat(dst.width - t.width) + b[0]!, sg) }; }),
  slice: typeArb().chain((t) => fc.tuple(fc.integer({ min: 0, max: t.width - 1 }), fc.boolean()).chain(([lsb, sg]) => fc.integer({ min: 1, max: t.width - lsb }).map((w) => ({
    args: [t], dst: { width: w, signed: sg }, extra: { lsb }, ref: (_v: number[], b: string[]) => fromBits(b[0]!.slice(t.width - lsb - w, t.width - lsb), sg),
  })))),
  concat: fc.array(typeArb(8), { minLength: 2, maxLength: 4 }).map((ts) => ({ args: ts, dst: u(ts.reduce((a, t) => a + t.width, 0)), ref: (_v, b) => fromBits(b.join(''), false) })),
  repl: fc.tuple(typeArb(6), fc.integer({ min: 1, max: 4 })).map(([t, n]) => ({ args: [t], dst: u(t.width * n), extra: { count: n }, ref: (_v, b) => fromBits(b[0]!.repeat(n), false) })),
  reinterpret: typeArb().map((t) => ({ args: [t], dst: { width: t.width, signed: !t.signed }, ref: (_v, b) => fromBits(b[0]!, !t.signed) })),
  shl: fc.tuple(typeArb(12), fc.integer({ min: 1, max: 3 })).map(([t, ws]) => ({ args: [t, u(ws)], dst: t, ref: (_v, b) => fromBits((b[0]! + '0'.repeat(parseInt(b[1]!, 2))).slice(-t.width), t.signed) })),
  shr: fc.tuple(typeArb(12), fc.integer({ min: 1, max: 4 })).map(([t, ws]) => ({ args: [t, u(ws)], dst: t, ref: (_v, b) => {
    const k = parseInt(b[1]!, 2);
    const fill = t.signed ? b[0]![0]! : '0';
    return fromBits((fill.repeat(k) + b[0]!).slice(0, t.width), t.signed);
  } })),
  mux: typeArb().map((t) => ({ args: [u(1), t, t], dst: t, ref: (v) => (v[0] ? v[1]! : v[2]!) })),
  select: fc.tuple(fc.integer({ min: 1, max: 3 }), typeArb(), fc.integer({ min: 1, max: 5 })).map(([wi, t, n]) => ({
    args: [u(wi), ...Array.from({ length: n + 1 }, () => t)], dst: t, ref: (v) => (v[0]! < n ? v[1 + v[0]!]! : v[n + 1]!),
  })),
  rom: fc.tuple(fc.integer({ min: 1, max: 3 }), typeArb(10)).chain(([wi, t]) => fc.tuple(fc.array(valueOf(t), { minLength: 1, maxLength: 6 }), valueOf(t)).map(([table, fb]) => ({
    args: [u(wi)], dst: t, extra: { table: table.map(String), fallback: fb.toString() }, ref: (v) => Number(v[0]! < table.length ? table[v[0]!]! : fb),
  }))),
};
