import { describe, it, expect } from 'vitest';
import { module, uint, sint, fixed, ModuleDef, type ModuleBuilder } from '../../src/index.ts';
import { LowbitError } from '../../src/diag/error.ts';

const comb = { clock: null } as const;
const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof LowbitError) return e.diagnostics.map((d) => `${d.message}${d.hint ? ` — ${d.hint}` : ''}`).join('\n');
    throw e;
  }
  throw new Error('expected a LowbitError');
};

describe('ports', () => {
  it('records ports in declaration order with protocol and doc', () => {
    const def = module('p', (m) => {
      const a = m.input('a', sint(8), { doc: 'operand' });
      const v = m.input('v', uint(1), { protocol: 'valid' });
      m.output('y', a.and(v.asSigned().ext(8)));
    }, comb);
    expect(def.ir.ports.map((p) => [p.name, p.dir, p.protocol, p.doc])).toEqual([
      ['a', 'input', 'data', 'operand'],
      ['v', 'input', 'valid', undefined],
      ['y', 'output', 'data', undefined],
    ]);
    expect(def.portType('a')).toEqual({ width: 8, signed: true });
    expect(def.portType('nope')).toBeUndefined();
  });

  it('records fixed-point formats on signals', () => {
    const def = module('f', (m) => void m.output('y', m.input('x', fixed(8, 3))), comb);
    expect(def.ir.signals.find((s) => s.name === 'x')!.format).toEqual({ kind: 'fixed', text: 'ap_fixed<8,3>' });
  });

  it('refuses a port name declared twice', () => {
    expect(message(() => module('d', (m) => {
      m.input('a', uint(1));
      m.input('a', uint(2));
    }, comb))).toMatch(/^port 'a' is declared twice in module 'd' — first declared at line \d+$/);
  });

  it('output(name, value) drives the port; output(name, type).set() later works too', () => {
    const def = module('o', (m) => {
      const a = m.input('a', uint(4));
      m.output('y', a);
      const z = m.output('z', uint(4));
      z.set(a.not());
    }, comb);
    expect(def.ir.nodes.filter((n) => n.kind === 'connect').map((n) => def.ir.signals[n.dst]!.name)).toEqual(['y', 'z']);
  });

  it('a literal set() on a wire is a constant of the wire type', () => {
    const def = module('k', (m) => {
      const y = m.output('y', sint(6));
      y.set(-3);
    }, comb);
    const c = def.ir.nodes.find((n) => n.kind === 'const')!;
    expect(c).toMatchObject({ value: '-3' });
    expect(def.ir.signals[c.dst]).toMatchObject({ width: 6, signed: true });
  });
});

describe('wires', () => {
  it('naming a fresh intermediate renames its net (no extra assignment)', () => {
    const def = module('w', (m) => {
      const s = m.wire('s', m.input('a', uint(4)).add(1));
      m.output('y', s);
    }, comb);
    const s = def.ir.signals.find((x) => x.name === 's')!;
    expect(s.role).toBe('wire');
    expect(def.ir.nodes.find((n) => n.dst === s.id)!.kind).toBe('add');
  });

  it('naming a port or a constant makes a new wire with an assignment', () => {
    const def = module('w2', (m) => {
      const a = m.input('a', uint(4));
      const w = m.wire('w', a);
      const k = m.wire('k', m.constant(3, uint(4)));
      m.output('y', w.xor(k));
    }, comb);
    const connects = def.ir.nodes.filter((n) => n.kind === 'connect').map((n) => def.ir.signals[n.dst]!.name);
    expect(connects).toEqual(['w', 'k', 'y']);
  });
});

describe('registers', () => {
  it('add the clock port (and the reset port when a reset value is given), clock first', () => {
    const def = module('r', (m) => {
      const a = m.input('a', uint(4));
      const r = m.reg('r', uint(4), { reset: 5 });
      r.set(a);
      m.output('y', r);
    });
    expect(def.ir.ports.map((p) => `${p.name}:${p.protocol}`)).toEqual(['clk:clock', 'rst:reset', 'a:data', 'y:data']);
    expect(def.ir.nodes.find((n) => n.kind === 'reg')).toMatchObject({ init: '5' });
    expect(def.ir.reset).toEqual({ name: 'rst', style: 'sync', activeLow: false });
  });

  it('no reset port for registers without a reset value', () => {
    const def = module('r2', (m) => {
      const r = m.reg('r', uint(4));
      r.set(m.input('a', uint(4)));
      m.output('y', r);
    });
    expect(def.ir.ports.map((p) => p.name)).toEqual(['clk', 'a', 'y']);
    expect(def.ir.nodes.find((n) => n.kind === 'reg')).toMatchObject({ init: null });
  });

  it('honour clock and reset options', () => {
    const def = module('r3', (m) => {
      const r = m.reg('r', uint(2), { reset: 0 });
      r.set(m.input('a', uint(2)));
      m.output('y', r);
    }, { clock: 'ck', reset: { activeLow: true, style: 'async' } });
    expect(def.ir.ports.slice(0, 2).map((p) => [p.name, p.doc])).toEqual([['ck', 'clock, rising edge'], ['rst_n', 'async reset, active low']]);
  });

  it('clock enable joins the reg node', () => {
    const def = module('r4', (m) => {
      const en = m.input('en', uint(1));
      const r = m.reg('r', uint(2), { en });
      r.set(m.input('a', uint(2)));
      m.output('y', r);
    });
    const reg = def.ir.nodes.find((n) => n.kind === 'reg')!;
    expect(reg.args).toEqual([def.ir.signals.find((s) => s.name === 'a')!.id, def.ir.signals.find((s) => s.name === 'en')!.id]);
  });

  it('a second set() is recorded as a second driver', () => {
    const def = module('r5', (m) => {
      const r = m.reg('r', uint(2));
      r.set(m.input('a', uint(2)));
      r.set(m.input('b', uint(2)));
      m.output('y', r);
    });
    expect(def.ir.nodes.filter((n) => n.dst === def.ir.signals.find((s) => s.name === 'r')!.id).map((n) => n.kind)).toEqual(['reg', 'connect']);
  });

  it('refuse: no clock, reset value without reset, reset value out of range, wide enable', () => {
    expect(message(() => module('c', (m) => m.reg('r', uint(4)), comb))).toBe(
      "register 'r' in module 'c', which has no clock — remove `clock: null` from the module options, or make the logic combinational",
    );
    expect(message(() => module('c', (m) => m.reg('r', uint(4), { reset: 1 }), { reset: null }))).toMatch(/register 'r' has a reset value but module 'c' has no reset/);
    expect(message(() => module('c', (m) => m.reg('r', sint(4), { reset: 8 })))).toBe('reset value 8 does not fit sint(4) — the range is -8..7');
    expect(message(() => module('c', (m) => m.reg('r', uint(4), { en: m.input('e', uint(2)) })))).toMatch(/clock enable of register 'r' must be 1 bit, got uint\(2\)/);
  });
});

describe('constants', () => {
  it('must fit their type', () => {
    expect(message(() => module('k', (m) => m.constant(16, uint(4)), comb))).toBe('constant 16 does not fit uint(4) — the range is 0..15');
    expect(message(() => module('k', (m) => m.constant(-9, sint(4)), comb))).toMatch(/constant -9 does not fit sint\(4\)/);
  });
});

describe('instances', () => {
  const child = module('child', (m) => {
    const a = m.input('a', uint(4));
    const b = m.input('b', uint(4));
    const r = m.reg('r', uint(5), { reset: 0 });
    r.set(a.add(b));
    m.output('y', r);
    m.output('z', a.not());
  });

  it('bind inputs, connect clock and reset implicitly, and name outputs <inst>_<port>', () => {
    let outs!: Record<string, unknown>;
    const top = module('top', (m) => {
      const u = m.instance('u0', child, { a: m.input('x', uint(4)), b: 3 });
      outs = u;
      m.output('y', u.y!);
      m.output('z', u.z!);
    });
    const inst = top.ir.instances[0]!;
    expect(inst).toMatchObject({ name: 'u0', module: 'child', outputs: ['y', 'z'] });
    expect(Object.keys(inst.connections)).toEqual(['clk', 'rst', 'a', 'b', 'y', 'z']);
    const sig = (id: number) => top.ir.signals[id]!;
    expect(sig(inst.connections.clk!).name).toBe('clk');
    expect(sig(inst.connections.rst!).name).toBe('rst');
    expect(sig(inst.connections.y!)).toMatchObject({ name: 'u0_y', auto: true, width: 5 });
    // A literal bound to a port takes the port's type.
    expect(sig(inst.connections.b!)).toMatchObject({ width: 4, signed: false });
    expect(top.children).toEqual([child]);
    expect(Object.keys(outs)).toEqual(['y', 'z']);
    // Awaiting or serializing the outputs object must not throw.
    expect((outs as { then?: unknown }).then).toBeUndefined();
  });

  it('refuse unknown and unconnected ports, unknown outputs', () => {
    expect(message(() => module('t', (m) => m.instance('u0', child, { a: 1, b: 2, c: 3 })))).toBe(
      "unknown input port 'c' on instance 'u0' of module 'child' — its inputs are: a, b",
    );
    expect(message(() => module('t', (m) => m.instance('u0', child, { a: 1, clk: 0 })))).toMatch(/unknown input port 'clk'/);
    expect(message(() => module('t', (m) => m.instance('u0', child, { a: 1 })))).toBe(
      "input port 'b' of instance 'u0' (module 'child') is not connected — pass it in the connections object",
    );
    expect(message(() => module('t', (m) => m.instance('u0', child, { a: 1, b: 2 }).w))).toBe(
      "unknown output port 'w' on instance 'u0' of module 'child' — its outputs are: y, z",
    );
  });

  it('refuse a clocked child in a module without clock, or with another reset style', () => {
    expect(message(() => module('t', (m) => m.instance('u0', child, { a: 1, b: 2 }), comb))).toMatch(/instance 'u0' needs a clock but module 't' has none/);
    expect(message(() => module('t', (m) => m.instance('u0', child, { a: 1, b: 2 }), { reset: null }))).toMatch(/instance 'u0' needs a reset but module 't' has none/);
    expect(message(() => module('t', (m) => m.instance('u0', child, { a: 1, b: 2 }), { reset: { activeLow: true } }))).toBe(
      "instance 'u0' uses a sync active-high reset, module 't' a sync active-low one — give both modules the same reset options",
    );
  });
});

describe('module()', () => {
  it('returns a ModuleDef with options recorded', () => {
    let builder!: ModuleBuilder;
    const def = module('m', (m) => {
      builder = m;
      m.output('y', m.input('a', uint(1)));
    }, { clock: null, doc: 'one line', params: { n: 3 } });
    expect(def).toBeInstanceOf(ModuleDef);
    expect(builder.name).toBe('m');
    expect(def.ir).toMatchObject({ name: 'm', doc: 'one line', clock: null, reset: null, params: { n: 3 } });
  });
});
