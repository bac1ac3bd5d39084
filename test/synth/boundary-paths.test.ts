/**
 * The per-module validity check (src/synth/boundary-paths.ts) on the elaborated IR, no Yosys:
 * tiny two- and three-level designs where it passes and where it names the port, the rules for
 * register inputs, top inputs and constants, and real TPE arrays at their small default sizes.
 */
import { describe, expect, it } from 'vitest';
import { elaborate, module, sint, uint, type ModuleDef } from '../../src/index.ts';
import { checkBoundaryPaths, formatBoundaryCheck, groupBoundaryCrossings, isLogicNode } from '../../src/synth/boundary-paths.ts';
import type { Design } from '../../src/dsl/design.ts';
import systolicWs from '../../examples/tpe-systolic-ws.ts';
import systolicOs from '../../examples/tpe-systolic-os.ts';
import cube from '../../examples/tpe-cube.ts';

/** A PE whose input feeds logic into a register and whose output is that register. */
const registeredPe = module('rpe', (m) => {
  const x = m.input('x', sint(8));
  const r = m.reg('r', sint(9), { reset: 0 });
  r.set(x.add(1));
  m.output('y', r);
});

/** A PE with logic after its register: y = r + 1. */
const logicOutPe = module('lpe', (m) => {
  const x = m.input('x', sint(8));
  const r = m.reg('r', sint(8), { reset: 0 });
  r.set(x);
  m.output('y', r.add(1));
});

/** Two instances in a chain; `glue` is the top's logic between the child output and the next input. */
function chain(pe: ModuleDef, glue: 'wire' | 'logic', inputLogic = false): ModuleDef {
  return module('top', (m) => {
    const a = m.input('a', sint(8));
    const ra = m.reg('ra', sint(8), { reset: 0 });
    ra.set(a);
    const x0 = inputLogic ? ra.add(ra).trunc(8) : ra;
    const y0 = m.instance('u0', pe, { x: x0 }).y!;
    const mid = y0.trunc(8);
    const x1 = glue === 'logic' ? mid.xor(ra) : mid;
    const y1 = m.instance('u1', pe, { x: x1 }).y!;
    const out = m.reg('out', y1.type, { reset: 0 });
    out.set(y1);
    m.output('z', out);
  });
}

const check = (top: ModuleDef) => checkBoundaryPaths(elaborate(top).design);
const ports = (c: ReturnType<typeof check>) => c.crossings.map((x) => `${x.instance}.${x.port}`);

describe('checkBoundaryPaths: tiny designs', () => {
  it('passes when every crossing has a register or a plain wire on one side', () => {
    const c = check(chain(registeredPe, 'wire'));
    expect(c.exact).toBe(true);
    expect(c.crossings).toEqual([]);
    // clk is skipped; x, y and rst of both instances are checked.
    expect(c.portsChecked).toBe(6);
    expect(formatBoundaryCheck(c)).toEqual(['per-module delay is exact: no combinational path crosses a module boundary (6 instance ports checked)']);
  });

  it('passes with logic in the parent between a registered child output and a register-fed input', () => {
    // rpe registers y and its x feeds logic: the top's xor is after a register and before logic,
    // so u1.x has logic on both sides (xor, then add): flagged; u0.y has none before: not flagged.
    const c = check(chain(registeredPe, 'logic'));
    expect(ports(c)).toEqual(['u1.x']);
    expect(c.crossings[0]).toMatchObject({ module: 'rpe', dir: 'input', logicBefore: 1, logicAfter: 1 });
    expect(c.crossings[0]!.from).toMatch(/^(u0\.r|ra) \(register\)$/);
    expect(c.crossings[0]!.to).toMatch(/^u1\..*\(register input/);
  });

  it('names a child output driven through logic whose consumer reaches a register only through logic', () => {
    const c = check(chain(logicOutPe, 'logic'));
    // u0.y: add inside u0, xor in the top; u1.x: add in u0 and xor in the top before, nothing
    // after (lpe registers x directly): not flagged. u1.y feeds the top's register directly.
    expect(ports(c)).toEqual(['u0.y']);
    const [x] = c.crossings;
    expect(x).toMatchObject({ instance: 'u0', module: 'lpe', port: 'y', dir: 'output', logicBefore: 1, logicAfter: 1, registerPath: true, from: 'u0.r (register)' });
    const text = formatBoundaryCheck(c);
    expect(text[0]).toBe('warning: per-module delay is a lower bound: 1 of 6 instance ports (1 on register-to-register paths) have combinational logic on both sides of the module boundary (the path is cut there and each part timed alone):');
    expect(text[1]).toMatch(/^ {2}u0\.y \[output\] \(lpe\): 1 logic op\(s\) before, 1 after; e\.g\. u0\.r \(register\) -> u1\.x \(register input\)$/);
    expect(text).toHaveLength(2);
  });

  it('logic on both sides of an input port: the parent computes, the child computes again before its register', () => {
    const c = check(chain(registeredPe, 'wire', true));
    expect(ports(c)).toEqual(['u0.x']);
    expect(c.crossings[0]).toMatchObject({ dir: 'input', logicBefore: 1, logicAfter: 1, from: 'ra (register)' });
  });

  it('a feed-through child splits the parent logic around it: both of its ports are named', () => {
    const through = module('thru', (m) => void m.output('q', m.input('p', uint(4))), { clock: null });
    const top = module('top', (m) => {
      const a = m.input('a', uint(4));
      const r = m.reg('r', uint(4), { reset: 0 });
      r.set(a);
      const q = m.instance('t', through, { p: r.not() }).q!;
      const s = m.reg('s', uint(4), { reset: 0 });
      s.set(q.xor(r));
      m.output('z', s);
    });
    const c = check(top);
    expect(ports(c)).toEqual(['t.p', 't.q']);
    for (const x of c.crossings) {
      expect(x).toMatchObject({ logicBefore: 1, logicAfter: 1, from: 'r (register)' });
      expect(x.to).toMatch(/\(register input/);
    }
  });

  it('register enables end paths, top inputs start them, constants do not', () => {
    const enPe = module('enpe', (m) => {
      const e = m.input('e', uint(1));
      const x = m.input('x', uint(4));
      const r = m.reg('r', uint(4), { reset: 0, en: e });
      r.set(x);
      m.output('y', r);
    });
    const mulPe = module('mpe', (m) => {
      const x = m.input('x', uint(4));
      const k = m.input('k', uint(4));
      const r = m.reg('r', uint(8), { reset: 0 });
      r.set(x.mul(k));
      m.output('y', r);
    });
    const top = module('top', (m) => {
      const a = m.input('a', uint(4));
      const b = m.input('b', uint(4));
      // Logic into an enable and a D that the child registers directly: not crossings.
      const y = m.instance('ue', enPe, { e: a.orReduce(), x: a.and(b) }).y!;
      // A top input through logic into a child's logic: a crossing, from a top input.
      const p = m.instance('um', mulPe, { x: a.xor(b), k: y }).y!;
      m.output('z', p);
    });
    const c = check(top);
    expect(ports(c)).toEqual(['um.x']);
    expect(c.crossings[0]!.from).toMatch(/^[ab] \(top input\)$/);
    expect(c.crossings[0]!.registerPath).toBe(false);
    expect(formatBoundaryCheck(c)[1]).toMatch(/\(port paths only: from a top input or to a top output\)$/);
    const constTop = module('top', (m) => {
      const a = m.input('a', uint(4));
      const r = m.reg('r', uint(4), { reset: 0 });
      r.set(a);
      const p = m.instance('um', mulPe, { x: r, k: m.constant(3, uint(2)).add(m.constant(1, uint(2))).ext(4) }).y!;
      m.output('z', p);
    });
    const constIr = elaborate(constTop).design;
    // The constant sum is logic in the IR (not folded by the DSL), yet starts no path.
    expect(constIr.modules.find((x) => x.name === 'top')!.nodes.some((n) => n.kind === 'add')).toBe(true);
    expect(checkBoundaryPaths(constIr).exact).toBe(true);
  });

  it('walks nested instances and names them by hierarchical path', () => {
    const mid = module('mid', (m) => {
      const x = m.input('x', sint(8));
      m.output('y', m.instance('leaf', logicOutPe, { x }).y!);
    });
    const top = module('top', (m) => {
      const a = m.input('a', sint(8));
      const y = m.instance('m0', mid, { x: a }).y!;
      const r = m.reg('r', sint(8), { reset: 0 });
      r.set(y.neg().trunc(8));
      m.output('z', r);
    });
    const c = check(top);
    expect(ports(c)).toEqual(['m0.leaf.y', 'm0.y']);
    expect(c.crossings.map((x) => x.module)).toEqual(['lpe', 'mid']);
    expect(c.crossings[0]!.from).toBe('m0.leaf.r (register)');
    expect(groupBoundaryCrossings(c).map((g) => `${g.module}.${g.port}:${g.instances}`)).toEqual(['lpe.y:1', 'mid.y:1']);
  });

  it('counts only gates as logic: wiring ops are free', () => {
    const kinds = ['connect', 'reinterpret', 'slice', 'concat', 'sext', 'zext', 'repl', 'const', 'add', 'not', 'mux', 'select', 'rom', 'shl'] as const;
    const logic = kinds.filter((kind) => isLogicNode({ kind, dst: 0, args: [] } as never));
    expect(logic).toEqual(['add', 'not', 'mux', 'select', 'rom', 'shl']);
  });
});

describe('checkBoundaryPaths: TPE arrays at their small default sizes (4x4, n = 4 Cube)', () => {
  const ir = (d: Design<never>, form: string) => elaborate(d.build({ ...(d.defaults as object), form } as never)).design;
  it('systolic WS and 3D-Cube, both forms: exact (every PE input feeds registers or PE outputs are registers)', () => {
    for (const [name, d] of [['ws', systolicWs], ['cube', cube]] as const) {
      for (const form of ['baseline', 'opt']) {
        const c = checkBoundaryPaths(ir(d as never, form));
        expect(c.crossings, `${name} ${form}`).toEqual([]);
        // The check saw the PEs: more than one port per PE of the 4 x 4 array / n = 4 cube.
        expect(c.portsChecked, `${name} ${form}`).toBeGreaterThan(16);
      }
    }
  });
  it("systolic OS: the control's combinational step / feed / drain reach logic in every PE (a lower bound)", () => {
    const c = checkBoundaryPaths(ir(systolicOs as never, 'baseline'));
    expect(c.exact).toBe(false);
    const g = groupBoundaryCrossings(c).map((x) => `${x.module.replace(/_.*/, '')}:${x.port}:${x.instances}`);
    expect(g).toEqual(expect.arrayContaining(['tpe:step:1', 'tpe:feed:1', 'tpe:drain:1']));
    expect(c.crossings.filter((x) => x.port === 'step' && x.dir === 'input')).toHaveLength(16);
    for (const x of c.crossings.filter((y) => y.instance === 'ctrl')) expect(x.from).toBe('ctrl.phase (register)');
  });
});
