/**
 * The element-wise pipeline generator with other format files (wrap and sat modes, unsigned
 * input, I < 0 and I > W tensors): cosim under backpressure on both simulators against the
 * golden model, lint-clean RTL, and the valid/ready latency of 4 stages.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eltwisePipeline } from '../../../src/pe/qfx/eltwise.ts';
import { eltwiseGolden } from '../../../src/pe/qfx/golden.ts';
import type { FormatFile } from '../../../src/pe/qfx/formats.ts';
import { elaborate } from '../../../src/dsl/elaborate.ts';
import { emitDesign } from '../../../src/emit/emit-design.ts';
import { writeOutputDir } from '../../../src/emit/write-output.ts';
import { cosimDesign } from '../../../src/cli/design-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import { lintAll, readRtlDir } from '../../../src/lint/lint-rtl.ts';

const f = (w: number, i: number, signed: boolean, q: string, o: string, n = 0) => ({ w, i, signed, q, o, n }) as FormatFile[string];

const variants: Record<string, FormatFile> = {
  wrapping: {
    input: f(6, 2, false, 'AP_TRN', 'AP_WRAP'),
    bn_scale: f(7, -1, true, 'AP_TRN', 'AP_WRAP'),
    bn_bias: f(5, 6, true, 'AP_TRN', 'AP_WRAP'),
    bn_mul: f(8, 3, true, 'AP_RND_ZERO', 'AP_WRAP_SM', 1),
    bn_out: f(9, 7, true, 'AP_RND_MIN_INF', 'AP_WRAP', 2),
    residual: f(7, 4, true, 'AP_TRN', 'AP_WRAP'),
    residual_out: f(8, 6, true, 'AP_TRN_ZERO', 'AP_SAT_SYM'),
    output: f(4, 4, true, 'AP_RND_INF', 'AP_SAT_ZERO'),
  },
};

describe('QFX element-wise pipeline', () => {
  for (const [name, formats] of Object.entries(variants)) {
    it(`matches the golden model under backpressure (${name} formats, both simulators) and lints clean`, async () => {
      const { design } = elaborate(eltwisePipeline(formats));
      const dir = join(mkdtempSync(join(tmpdir(), 'eltwise-')), 'rtl');
      writeOutputDir(dir, emitDesign(design, { version: 'test' }));
      const rtl = readRtlDir(dir);
      for (const r of await lintAll(rtl)) expect(r.ok, `${r.tool}: ${r.output}`).toBe(true);
      const y = eltwiseGolden(formats);
      const result = await cosimDesign(design, rtl.files, {
        protocol: { kind: 'stream' },
        golden: ([[x, a, b, r]]) => [[y(x!, a!, b!, r!)]],
        vectors: { count: 20_000 },
      }, { sim: 'both', seed: 3 });
      expect(result.failed, formatCosimReport(result)).toBe(0);
      expect(result.vectors).toBeGreaterThan(20_000);
    });
  }
});
