import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { dyadicFromDouble } from '../../../src/golden/float/dyadic.ts';
import { decodeWeight } from '../../../src/pe/bitmod/datatypes.ts';
import { quantizeMatrix } from '../../../src/pe/bitmod/quantizer.ts';
import { Prng } from '../../../src/util/prng.ts';

/** A .npy v1.0 file (C order) of a 2-D matrix: dtype '<f2' | '<f4' | '<f8' | '>f4' | '<i4'. */
function npy(descr: string, rows: number, cols: number, values: number[], fortran = false): Buffer {
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': (${rows}, ${cols}), }`;
  while ((10 + header.length + 1) % 64 !== 0) header += ' ';
  header += '\n';
  const size = Number(descr.slice(2));
  const data = Buffer.alloc(rows * cols * size);
  values.forEach((v, i) => {
    const off = i * size;
    if (descr === '<f8') data.writeDoubleLE(v, off);
    else if (descr === '<f4') data.writeFloatLE(v, off);
    else if (descr === '>f4') data.writeFloatBE(v, off);
    else if (descr === '<i4') data.writeInt32LE(v, off);
    else data.writeUInt16LE(v, off); // <f2: values are FP16 codes
  });
  const pre = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  return Buffer.concat([pre, Buffer.from(header, 'latin1'), data]);
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'bitmod-q-'));

describe('lowbit-hdl quantize bitmod', () => {
  const g = new Prng(17);
  const rows = 3;
  const cols = 64;
  // Exactly representable in float32 and float64 (24-bit significands).
  const vals = Array.from({ length: rows * cols }, () => (g.int(-(2 ** 20), 2 ** 20) / 2 ** 20) * (g.chance(0.1) ? 4 : 1));

  it('reads float32 / float64 / big-endian .npy and JSON identically and writes codes, ids, Δ, s_ch and images', async () => {
    const d = tmp();
    const files = {
      'w32.npy': npy('<f4', rows, cols, vals),
      'w64.npy': npy('<f8', rows, cols, vals),
      'wbe.npy': npy('>f4', rows, cols, vals),
      'w.json': Buffer.from(JSON.stringify(Array.from({ length: rows }, (_, r) => vals.slice(r * cols, (r + 1) * cols)), null, 1)),
    };
    const outs: string[] = [];
    for (const [name, bytes] of Object.entries(files)) {
      writeFileSync(join(d, name), bytes);
      const o = join(d, `out-${name}`);
      const r = await run(['quantize', 'bitmod', join(d, name), '--bits', '4', '--group', '32', '-o', o]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/BitMoD FP4 mixture \| 32 \|/);
      expect(r.out).toMatch(/\| INT4 \| 32 \|/);
      expect(r.out).toMatch(/\| INT3 \| 32 \|/);
      outs.push(readFileSync(join(o, 'weights.memh'), 'utf8') + readFileSync(join(o, 'groups.memh'), 'utf8') + readFileSync(join(o, 'sch.memh'), 'utf8'));
    }
    expect(new Set(outs).size).toBe(1);
    // The JSON codes equal the library quantizer's; the images follow the documented layout.
    const o = join(d, 'out-w32.npy');
    const q = JSON.parse(readFileSync(join(o, 'quant.json'), 'utf8'));
    const ref = quantizeMatrix(Array.from({ length: rows }, (_, r) => vals.slice(r * cols, (r + 1) * cols).map(dyadicFromDouble)), { wtype: 'FP4', G: 32 });
    expect(q.channels.map((c: { groups: { codes: number[] }[] }) => c.groups.map((x) => x.codes))).toEqual(ref.map((r) => r.groups.map((x) => x.codes)));
    expect(q.channels.map((c: { sch: string }) => Number(c.sch))).toEqual(ref.map((r) => r.schCode));
    const words = readFileSync(join(o, 'weights.memh'), 'utf8').trim().split('\n');
    expect(words.length).toBe(rows * (cols / 4));
    const w0 = parseInt(words[1]!, 16); // channel 0, group 0, slot 1 = weights 4 … 7
    expect([0, 1, 2, 3].map((i) => (w0 >> (4 * i)) & 15)).toEqual(ref[0]!.groups[0]!.codes.slice(4, 8));
    const grp = readFileSync(join(o, 'groups.memh'), 'utf8').trim().split('\n').map((x) => parseInt(x, 16));
    expect(grp[2]).toBe((ref[1]!.groups[0]!.dtId << 8) | ref[1]!.groups[0]!.delta);
    const report = readFileSync(join(o, 'report.md'), 'utf8');
    expect(report.split('\n').filter((l) => /^\| \d+ \| \d+ \| FP4_/.test(l)).length).toBe(rows * 2);
    for (const c of ref[0]!.groups[0]!.codes) expect(Math.abs(decodeWeight('FP4', ref[0]!.groups[0]!.dtId, c))).toBeLessThanOrEqual(16);
  });

  it('replaces its own previous output, refuses a directory of other files without --force', async () => {
    const d = tmp();
    writeFileSync(join(d, 'w.json'), '[[1, 2, 3, 4]]');
    const o = join(d, 'out');
    expect((await run(['quantize', 'bitmod', join(d, 'w.json'), '--bits', '4', '--group', '4', '-o', o])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(o, 'manifest.json'), 'utf8')).generator.name).toBe('lowbit-hdl');
    expect((await run(['quantize', 'bitmod', join(d, 'w.json'), '--bits', '4', '--group', '4', '-o', o])).code).toBe(0);
    writeFileSync(join(d, 'keep.txt'), 'x');
    const r = await run(['quantize', 'bitmod', join(d, 'w.json'), '--bits', '4', '--group', '4', '-o', d]);
    expect(r.code).toBe(1);
    expect(existsSync(join(d, 'keep.txt'))).toBe(true);
  });

  it('float16 input, --bits 3 / 6 / 8 and --lanes', async () => {
    const d = tmp();
    const codes = Array.from({ length: 2 * 128 }, () => (g.below(2) << 15) | (g.int(10, 16) << 10) | g.below(1024));
    writeFileSync(join(d, 'h.npy'), npy('<f2', 2, 128, codes));
    for (const bits of ['3', '6', '8']) {
      const r = await run(['quantize', 'bitmod', join(d, 'h.npy'), '--bits', bits, '--lanes', '8', '-o', join(d, `o${bits}`)]);
      expect(r.code).toBe(0);
      const words = readFileSync(join(d, `o${bits}`, 'weights.memh'), 'utf8').trim().split('\n');
      expect(words.length).toBe(2 * (128 / 8));
      expect(words[0]!.length).toBe(Math.ceil((8 * { '3': 3, '6': 6, '8': 8 }[bits]!) / 4));
    }
  });

  it('bad input is a located error and nothing is written', async () => {
    const d = tmp();
    const cases: [string, Buffer | string, string[], RegExp][] = [
      ['i.npy', npy('<i4', 1, 32, Array(32).fill(1)), [], /i\.npy:1:\d+: error: \.npy dtype '<i4' is not supported — use float16/],
      ['nan.npy', npy('<f4', 1, 32, [1, NaN, ...Array(30).fill(0)]), [], /nan\.npy:1:\d+: error: weight \[0, 1\] is NaN/],
      ['inf.npy', npy('<f8', 1, 32, [...Array(31).fill(0), -Infinity]), [], /weight \[0, 31\] is infinite/],
      ['f.npy', npy('<f4', 1, 32, Array(32).fill(0), true), [], /Fortran order/],
      ['trunc.npy', npy('<f4', 1, 32, Array(32).fill(0)).subarray(0, 200), [], /data is \d+ bytes/],
      ['ragged.json', '[[1, 2, 3, 4],\n  [1, 2, 3]]', ['--group', '4'], /ragged\.json:2:3: error: row 1 has 3 weights, row 0 has 4/],
      ['nanj.json', '[[1, NaN, 3, 4]]', ['--group', '4'], /nanj\.json:1:6: error: weight NaN is not finite/],
      ['g.json', '[[1, 2, 3, 4, 5, 6]]', ['--group', '4'], /rows of .* have 6 weights, not a multiple of the group size G = 4/],
      ['w.txt', 'hello', [], /neither \.npy nor \.json/],
    ];
    for (const [name, body, extra, re] of cases) {
      writeFileSync(join(d, name), body);
      const o = join(d, `out-${name}`);
      const r = await run(['quantize', 'bitmod', join(d, name), '--bits', '4', ...extra, '-o', o]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(re);
      expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(o)).toBe(false);
    }
    expect((await run(['quantize', 'bitmod', join(d, 'g.json'), '--bits', '5'])).code).toBe(2);
    expect((await run(['quantize', 'other', join(d, 'g.json'), '--bits', '4'])).err).toMatch(/unknown quantizer 'other'/);
  });
});
