/**
 * lib/stream bundles: the ports a stream declaration makes (names, order, protocol metadata,
 * types) and the mistakes it rejects. Behaviour on the wire is covered by the block tests
 * (elastic, skid, counter, result-buffer), which all use these bundles.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { sint, uint } from '../../../src/dsl/types.ts';
import { streamInput, streamOutput } from '../../../src/lib/stream/bundle.ts';
import { elasticPipeline } from '../../../src/lib/stream/elastic.ts';
import { skidBuffer } from '../../../src/lib/stream/skid.ts';
import { frameCounter } from '../../../src/lib/stream/counter.ts';
import { resultBuffer } from '../../../src/lib/stream/result-buffer.ts';
import { emitToTemp, lintFailures } from '../rtl-harness.ts';

describe('lib/stream bundles', () => {
  it('declares valid, fields and ready with their protocol roles, in call order', () => {
    const def = module('b', (m) => {
      const i = streamInput(m, 'in', { x: { type: uint(4), doc: 'the x' }, w: { type: sint(3) } }, 'operands');
      const o = streamOutput(m, 'out', { y: { type: uint(5) } });
      o.drive({ y: i.data.x!.add(1) });
      i.driveReady(o.ready);
      o.driveValid(i.valid);
    });
    expect(def.ir.ports.map((p) => [p.name, p.dir, p.protocol])).toEqual([
      ['in_valid', 'input', 'valid'],
      ['x', 'input', 'data'],
      ['w', 'input', 'data'],
      ['out_ready', 'input', 'ready'],
      ['y', 'output', 'data'],
      ['in_ready', 'output', 'ready'],
      ['out_valid', 'output', 'valid'],
    ]);
    expect(def.portType('w')).toEqual({ width: 3, signed: true });
    expect(def.ir.ports.find((p) => p.name === 'x')!.doc).toBe('the x');
  });

  it('rejects a field driven with the wrong type, a missing field, a wide valid and double driving', () => {
    const mk = (f: (m: Parameters<Parameters<typeof module>[1]>[0]) => void) => () => module('bad', f);
    expect(
      mk((m) => streamOutput(m, 'out', { y: { type: uint(5) } }).drive({ y: m.input('a', uint(4)) })),
    ).toThrow(/field y is declared uint\(5\), driven with uint\(4\)/);
    expect(mk((m) => streamOutput(m, 'out', { y: { type: uint(5) } }).drive({} as { y: never }))).toThrow(/field y is not driven/);
    expect(mk((m) => streamOutput(m, 'out', {}).driveValid(m.input('v', uint(2))))).toThrow(/out_valid must be 1 bit/);
    expect(
      mk((m) => {
        const i = streamInput(m, 'in', {});
        i.driveReady(m.input('r', uint(1)));
        i.driveReady(m.input('r2', uint(1)));
      }),
    ).toThrow(/ready already driven/);
  });

  it('every stream block emits Verilog clean under Verilator -Wall, Icarus and Yosys', async () => {
    const def = module('stream_lint', (m) => {
      const i = streamInput(m, 'in', { d: { type: uint(8) } });
      const o = streamOutput(m, 'out', { y: { type: uint(8) }, last: { type: uint(1) } });
      const pipeReady = m.wire('pipe_ready', uint(1));
      const sk = skidBuffer(m, 'sk', i.valid, i.data, pipeReady);
      const buf = resultBuffer(m, o.ready);
      const p = elasticPipeline(m, 2, sk.outValid, buf.loadAllowed);
      pipeReady.set(p.inReady);
      const d2 = p.stage(2, 'd2', p.stage(1, 'd1', sk.data.d!));
      const load = p.outValid.and(buf.loadAllowed);
      const f = frameCounter(m, 'fr', [3, 2], load);
      const held = buf.capture(load, [{ name: 'y', value: d2 }, { name: 'last', value: f.last(0) }]);
      i.driveReady(sk.inReady);
      o.driveValid(buf.outValid);
      o.drive({ y: held.y!, last: held.last! });
    });
    expect(await lintFailures(emitToTemp(def, 'stream-lint'))).toEqual([]);
  });
});
