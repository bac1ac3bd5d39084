import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatMutationReport, generateMutants, MUTANT_KINDS, runMutants } from '../../src/cosim/mutate.ts';
import type { CosimTarget, GoldenModel } from '../../src/cosim/types.ts';

const fx = (f: string): string => fileURLToPath(new URL(`./fixtures/${f}`, import.meta.url));
const addmux = readFileSync(fx('addmux.v'), 'utf8');

describe('generateMutants', () => {
  const all = generateMutants(addmux);

  it('finds every kind of edit on assign lines, in source order, each a one-span change', () => {
    expect(new Set(all.map((m) => m.kind))).toEqual(new Set(MUTANT_KINDS));
    expect(all.map((m) => m.id)).toEqual(all.map((_, i) => `m${i + 1}`));
    for (const m of all) {
      const line = addmux.split('\n')[m.line - 1];
      expect(line).toMatch(/^\s*assign /);
      expect(line.slice(m.column - 1)).toContain(m.original);
      expect(m.text).not.toBe(addmux);
      const off = addmux.split('\n').slice(0, m.line - 1).join('\n').length + 1 + m.column - 1;
      expect(m.text.slice(0, off) + m.original + m.text.slice(off + m.replacement.length)).toBe(addmux);
    }
    const descs = all.map((m) => m.description);
    expect(descs).toContain("line 10: '+' -> '-' (operator)");
    expect(descs).toContain("line 10: '5'd3' -> '5'h4' (constant)");
    expect(descs).toContain("line 11: 'a < b' -> '(b < a)' (operand-swap)");
    expect(descs).toContain("line 11: '<' -> '<=' (operator)");
    expect(descs).toContain("line 11: '&' -> '|' (operator)");
    expect(descs).toContain("line 12: 'a[3:1]' -> '{a[3:2], 1'b0}' (drop-bit)");
  });

  it('leaves comments and index constants alone', () => {
    const src = "// assign q = a + b;\nmodule m; assign y = {x[7:4], x[2]} + 4'd15; endmodule\n";
    const ms = generateMutants(src);
    expect(ms.every((m) => m.line === 2)).toBe(true);
    expect(ms.map((m) => `${m.kind}:${m.original}->${m.replacement}`)).toEqual([
      "drop-bit:x[7:4]->{x[7:5], 1'b0}",
      "drop-bit:x[2]->1'b0",
      'operator:+->-',
      "constant:4'd15->4'he",
    ]);
  });

  it('picks a deterministic, kind-balanced subset', () => {
    const a = generateMutants(addmux, { count: 4, seed: 9 });
    expect(a).toEqual(generateMutants(addmux, { count: 4, seed: 9 }));
    expect(new Set(a.map((m) => m.kind)).size).toBe(4);
    expect(generateMutants(addmux, { kinds: ['operator'] }).every((m) => m.kind === 'operator')).toBe(true);
  });
});

describe('runMutants', () => {
  it('kills every mutant of a small adder/mux design with exhaustive cosim', async () => {
    const target: CosimTarget = {
      top: 'addmux',
      files: [fx('addmux.v')],
      inputs: [
        { name: 'a', width: 4, signed: false },
        { name: 'b', width: 4, signed: false },
        { name: 'sel', width: 1, signed: false },
      ],
      outputs: [
        { name: 'y', width: 5, signed: false },
        { name: 'lt', width: 1, signed: false },
        { name: 'x', width: 3, signed: false },
      ],
      protocol: { kind: 'comb' },
    };
    const golden: GoldenModel = ([[a, b, sel]]) => [
      [sel ? a + b : (a - b + 3n) & 31n, a < b && !sel ? 1n : 0n, (a >> 1n) ^ (b & 7n)],
    ];
    const report = await runMutants({ target, golden, mutantOptions: { count: 6, seed: 2 } });
    expect(report.results).toHaveLength(6);
    expect(new Set(report.results.map((r) => r.mutant.kind)).size).toBe(4);
    expect(report.results.map((r) => r.status)).toEqual(Array(6).fill('killed'));
    expect([report.killed, report.survived, report.invalid]).toEqual([6, 0, 0]);
    for (const r of report.results) expect(r.reason).toMatch(/^\d+ mismatching; first: transaction \d+ on verilator/);
    expect(formatMutationReport(report).split('\n').at(-1)).toBe('6 killed, 0 equivalent, 0 unproven, 0 survived, 0 invalid');
  });
});
