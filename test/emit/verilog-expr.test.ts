import { describe, it, expect } from 'vitest';
import { literal, ExprWriter } from '../../src/emit/verilog-expr.ts';
import type { NodeKind, SignalId } from '../../src/ir/types.ts';
import { HandModule } from '../passes/hand-ir.ts';

/**
 * Read a literal back: `W'dV`, `W'hH`, `(-W'sdV)`. Returns its width and its bits (two's
 * complement at width W), so the check is independent of how `literal` chooses the form.
 */
function parseLiteral(text: string): { width: number; bits: bigint } {
  const m = /^(\(-)?(\d+)'(s?)([dh])([0-9a-f]+)\)?$/.exec(text);
  if (!m) throw new Error(`not a sized literal: ${text}`);
  const width = Number(m[2]);
  const magnitude = BigInt(m[4] === 'h' ? `0x${m[5]}` : m[5]!);
  if (m[1] && !text.endsWith(')')) throw new Error(`unbalanced: ${text}`);
  // The magnitude itself must fit the width (no truncated digits).
  if (magnitude >= 1n << BigInt(width)) throw new Error(`digits overflow the width: ${text}`);
  return { width, bits: BigInt.asUintN(width, m[1] ? -magnitude : magnitude) };
}

describe('literal', () => {
  it('writes every value of every width 1..10 as a sized literal with the right bits', () => {
    for (let w = 1; w <= 10; w++) {
      for (let v = -(2 ** (w - 1)); v < 2 ** w; v++) {
        const text = literal(BigInt(v), w);
        expect(parseLiteral(text), `${v} at ${w} bits: ${text}`).toEqual({ width: w, bits: BigInt.asUintN(w, BigInt(v)) });
      }
    }
  });

  it('uses decimal for non-negative values, a parenthesized signed decimal for negatives, hex for the minimum', () => {
    expect(literal(5n, 8)).toBe("8'd5");
    expect(literal(0n, 1)).toBe("1'd0");
    expect(literal(-5n, 8)).toBe("(-8'sd5)");
    expect(literal(-128n, 8)).toBe("8'h80");
    expect(literal(-1n, 1)).toBe("1'h1");
    expect(literal(2n ** 100n, 101)).toBe(`101'd${2n ** 100n}`);
  });
});

/** A hand module with named nets a: sint(8), b: uint(1), u: uint(4), v: uint(4), k: uint(2). */
function nets(): { h: HandModule; a: SignalId; b: SignalId; u: SignalId; v: SignalId; k: SignalId } {
  const h = new HandModule('m');
  return { h, a: h.input('a', 8, true), b: h.input('b', 1), u: h.input('u', 4), v: h.input('v', 4), k: h.input('k', 2) };
}
/** rhs of a node `kind(args)` driving a fresh net `t` of the given type. */
function rhs(h: HandModule, kind: NodeKind, width: number, signed: boolean, args: SignalId[], extra: Record<string, unknown> = {}): string {
  const t = h.signal(`t${h.ir.signals.length}`, width, signed, 'wire');
  h.node(kind, t, args, extra);
  return new ExprWriter(h.ir).rhs(h.ir.nodes[h.ir.nodes.length - 1]!);
}

describe('ExprWriter.rhs', () => {
  it('binary operators on same-width operands', () => {
    const { h, u, v } = nets();
    const cases: [NodeKind, string][] = [['add', 'u + v'], ['sub', 'u - v'], ['mul', 'u * v'], ['and', 'u & v'], ['or', 'u | v'], ['xor', 'u ^ v'], ['eq', 'u == v'], ['ne', 'u != v']];
    for (const [k, text] of cases) expect(rhs(h, k, 4, false, [u, v])).toBe(text);
  });

  it('ordered compares: plain when unsigned, $signed() on both sides when signed', () => {
    const { h, u, v, a } = nets();
    expect(rhs(h, 'lt', 1, false, [u, v])).toBe('u < v');
    expect(rhs(h, 'ge', 1, false, [u, v])).toBe('u >= v');
    expect(rhs(h, 'le', 1, false, [a, a])).toBe('$signed(a) <= $signed(a)');
    expect(rhs(h, 'gt', 1, false, [a, a])).toBe('$signed(a) > $signed(a)');
  });

  it('unary operators and reductions', () => {
    const { h, a } = nets();
    expect(rhs(h, 'not', 8, true, [a])).toBe('~a');
    expect(rhs(h, 'neg', 8, true, [a])).toBe('-a');
    expect(rhs(h, 'redand', 1, false, [a])).toBe('&a');
    expect(rhs(h, 'redor', 1, false, [a])).toBe('|a');
    expect(rhs(h, 'redxor', 1, false, [a])).toBe('^a');
  });

  it('a negative constant operand stays a primary under unary operators', () => {
    const { h } = nets();
    const c = h.op('const', 8, true, [], { value: '-5' });
    expect(rhs(h, 'neg', 8, true, [c])).toBe("-(-8'sd5)");
    expect(rhs(h, 'not', 8, true, [c])).toBe("~(-8'sd5)");
    expect(rhs(h, 'redxor', 1, false, [c])).toBe("^(-8'sd5)");
  });

  it('extensions: sign fill from the msb, zero fill, none', () => {
    const { h, a, b, u } = nets();
    expect(rhs(h, 'sext', 9, true, [a])).toBe('{a[7], a}');
    expect(rhs(h, 'sext', 12, true, [a])).toBe('{{4{a[7]}}, a}');
    expect(rhs(h, 'zext', 7, false, [u])).toBe("{3'd0, u}");
    expect(rhs(h, 'zext', 5, true, [u])).toBe("{1'd0, u}");
    expect(rhs(h, 'zext', 4, false, [u])).toBe('u');
    const bs = h.op('reinterpret', 1, true, [b]);
    h.ir.signals[bs]!.name = 'bs';
    expect(rhs(h, 'sext', 4, true, [bs])).toBe('{{3{bs}}, bs}');
  });

  it('slices: whole, one bit, a range; a 1-bit source needs no select', () => {
    const { h, a, b } = nets();
    expect(rhs(h, 'slice', 8, true, [a], { lsb: 0 })).toBe('a');
    expect(rhs(h, 'slice', 1, false, [a], { lsb: 3 })).toBe('a[3]');
    expect(rhs(h, 'slice', 4, false, [a], { lsb: 2 })).toBe('a[5:2]');
    expect(rhs(h, 'slice', 1, false, [b], { lsb: 0 })).toBe('b');
  });

  it('concat, repl, shifts, mux, reinterpret, connect', () => {
    const { h, a, b, u, k } = nets();
    expect(rhs(h, 'concat', 13, false, [a, b, u])).toBe('{a, b, u}');
    expect(rhs(h, 'repl', 12, false, [u], { count: 3 })).toBe('{3{u}}');
    expect(rhs(h, 'shl', 4, false, [u, k])).toBe('u << k');
    expect(rhs(h, 'shr', 4, false, [u, k])).toBe('u >> k');
    expect(rhs(h, 'shr', 8, true, [a, k])).toBe('$signed(a) >>> k');
    expect(rhs(h, 'mux', 4, false, [b, u, u])).toBe('b ? u : u');
    expect(rhs(h, 'reinterpret', 4, true, [u])).toBe('u');
    expect(rhs(h, 'connect', 4, false, [u])).toBe('u');
    expect(rhs(h, 'const', 4, false, [], { value: '9' })).toBe("4'd9");
  });

  it('select, rom and reg are procedural, not expressions', () => {
    const { h, u, k } = nets();
    expect(() => rhs(h, 'select', 4, false, [k, u, u])).toThrow(/internal: select is emitted as a procedural block/);
    expect(() => rhs(h, 'rom', 4, false, [k], { table: ['1'], fallback: '0' })).toThrow(/internal: rom/);
    expect(() => rhs(h, 'reg', 4, false, [u], { init: null })).toThrow(/internal: reg/);
  });
});

describe('ExprWriter inlining', () => {
  it('inlines constants and extensions of nets at their uses', () => {
    const { h, a, u } = nets();
    const c = h.op('const', 9, true, [], { value: '-3' });
    const ax = h.op('sext', 9, true, [a]);
    const sum = h.op('add', 9, true, [ax, c]);
    const uz = h.op('zext', 6, false, [u]);
    h.ir.signals[sum]!.name = 'sum';
    const x = new ExprWriter(h.ir);
    expect(x.isInlinedSignal(c) && x.isInlinedSignal(ax) && x.isInlinedSignal(uz)).toBe(true);
    expect(x.isInlinedSignal(sum)).toBe(false);
    expect(x.ref(ax)).toBe('{a[7], a}');
    expect(x.ref(uz)).toBe("{2'd0, u}");
    expect(x.rhs(h.ir.nodes.find((n) => n.dst === sum)!)).toBe("{a[7], a} + (-9'sd3)");
  });

  it('keeps a net for values that are bit-selected: sliced extensions and constants, sign-extended extensions', () => {
    const { h, a, u } = nets();
    const ax = h.op('sext', 12, true, [a]);
    h.ir.signals[ax]!.name = 'ax';
    h.op('slice', 4, false, [ax], { lsb: 8 });
    const c = h.op('const', 8, false, [], { value: '200' });
    h.ir.signals[c]!.name = 'c';
    h.op('slice', 2, false, [c], { lsb: 6 });
    const uz = h.op('zext', 6, true, [u]);
    h.ir.signals[uz]!.name = 'uz';
    const uzs = h.op('sext', 9, true, [uz]);
    const x = new ExprWriter(h.ir);
    expect([ax, c, uz].map((id) => x.isInlinedSignal(id))).toEqual([false, false, false]);
    expect(x.isInlinedSignal(uzs)).toBe(true);
    expect(x.ref(uzs)).toBe('{{3{uz[5]}}, uz}');
    expect(x.rhs(h.ir.nodes.find((n) => n.dst === c)!)).toBe("8'd200");
  });
});
