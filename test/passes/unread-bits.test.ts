import { describe, it, expect } from 'vitest';
import { unreadBits } from '../../src/passes/unread-bits.ts';
import { HandModule } from './hand-ir.ts';

const unreadNames = (h: HandModule): string[] => [...unreadBits(h.ir)].map((id) => h.ir.signals[id]!.name ?? `_t${id}`).sort();

describe('unreadBits', () => {
  it('is empty when every bit of every net is read', () => {
    const h = new HandModule('m');
    const a = h.input('a', 4);
    h.connect(h.output('y', 4), h.op('not', 4, false, [a]));
    expect(unreadNames(h)).toEqual([]);
  });

  it('lists unused inputs and unread nets, never outputs, clock or reset', () => {
    const h = new HandModule('m', { clock: true, reset: true });
    h.input('clk', 1, false, undefined, 'clock');
    h.input('rst', 1, false, undefined, 'reset');
    h.input('spare', 2);
    const a = h.input('a', 4);
    h.wire('dangling', 4);
    h.connect(h.signal('dangling2', 4, false, 'wire'), a);
    h.output('y', 4);
    expect(unreadNames(h)).toEqual(['dangling', 'dangling2', 'spare']);
  });

  it('tracks slices bit by bit: a partial read is unread, covering slices are a full read', () => {
    const h = new HandModule('m');
    const a = h.input('a', 8);
    const b = h.input('b', 8);
    h.connect(h.output('lo', 4), h.op('slice', 4, false, [a], { lsb: 0 }));
    h.connect(h.output('b_lo', 3), h.op('slice', 3, false, [b], { lsb: 0 }));
    h.connect(h.output('b_hi', 5), h.op('slice', 5, false, [b], { lsb: 3 }));
    expect(unreadNames(h)).toEqual(['a']);
  });

  it('overlapping slices that leave a gap still count as unread', () => {
    const h = new HandModule('m');
    const a = h.input('a', 8);
    h.op('slice', 4, false, [a], { lsb: 0 });
    h.op('slice', 4, false, [a], { lsb: 2 }); // bits 0..5 read, 6..7 not
    const all = unreadNames(h);
    expect(all).toContain('a');
  });

  it('instance inputs are reads; unread instance outputs are listed', () => {
    const h = new HandModule('m');
    const a = h.input('a', 4);
    const y = h.signal('u0_y', 4, false, 'wire', undefined, true);
    const z = h.signal('u0_z', 4, false, 'wire', undefined, true);
    h.instance('u0', 'child', { a, y, z }, ['y', 'z']);
    h.connect(h.output('out', 4), y);
    expect(unreadNames(h)).toEqual(['u0_z']);
  });

  it('register next states and enables are reads', () => {
    const h = new HandModule('m', { clock: true });
    h.input('clk', 1, false, undefined, 'clock');
    const d = h.input('d', 4);
    const en = h.input('en', 1);
    const r = h.reg('r', 4);
    h.node('reg', r, [d, en], { init: null }).connect(h.output('q', 4), r);
    expect(unreadNames(h)).toEqual([]);
  });
});
