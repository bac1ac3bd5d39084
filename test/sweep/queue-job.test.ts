/** Jobs carry the design: where a worker puts it, and running one. */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { materializeDesign, runJob, JOB_SCHEMA, workerId } from '../../src/sweep/queue-job.ts';
import { sha256 } from '../../src/sweep/point-key.ts';
import { parseMetrics } from '../../src/sweep/metrics.ts';

const ROOT = join(import.meta.dirname, '../..');
const MUL_REL = 'test/fixtures/sweep/mul.ts';
const content = readFileSync(join(ROOT, MUL_REL), 'utf8');
const hash = sha256(content);

describe('materializeDesign', () => {
  it('uses the project file when its content matches', () => {
    expect(materializeDesign({ designRel: MUL_REL, designContent: content, designHash: hash }, ROOT)).toBe(join(ROOT, MUL_REL));
  });
  it('writes a content-addressed copy beside the path, or under .lowbit-sweep', () => {
    const root = mkdtempSync(join(tmpdir(), 'sweep-job-'));
    mkdirSync(join(root, 'designs'));
    writeFileSync(join(root, 'designs', 'mul.ts'), '// an older version\n');
    const beside = materializeDesign({ designRel: 'designs/mul.ts', designContent: content, designHash: hash }, root);
    expect(beside).toBe(join(root, 'designs', `.lowbit-sweep-${hash.slice(0, 16)}-mul.ts`));
    expect(readFileSync(beside, 'utf8')).toBe(content);
    expect(readFileSync(join(root, 'designs', 'mul.ts'), 'utf8')).toBe('// an older version\n');
    const nowhere = materializeDesign({ designRel: 'no/such/dir/mul.ts', designContent: content, designHash: hash }, root);
    expect(nowhere).toBe(join(root, '.lowbit-sweep', hash, 'mul.ts'));
    // A path that leaves the root never writes outside it.
    const escape = materializeDesign({ designRel: '../../../etc/mul.ts', designContent: content, designHash: hash }, root);
    expect(escape.startsWith(join(root, '.lowbit-sweep'))).toBe(true);
    expect(existsSync(escape)).toBe(true);
    expect(() => materializeDesign({ designRel: 'x.ts', designContent: content, designHash: sha256('other') }, root)).toThrow(/does not match its hash/);
  });
});

describe('runJob', () => {
  it('runs the point and names the worker; refuses another job schema', async () => {
    const r = await runJob({ v: JOB_SCHEMA, designRel: MUL_REL, designContent: content, designHash: hash, params: { width: 2 }, metrics: parseMetrics('synth:generic') }, ROOT);
    expect(r).toMatchObject({ status: 'ok', worker: workerId() });
    expect(r.values['generic.cells']).toBeGreaterThan(0);
    await expect(runJob({ v: 2 as never, designRel: MUL_REL, designContent: content, designHash: hash, params: {}, metrics: [] }, ROOT)).rejects.toThrow(/different lowbit-hdl versions/);
  });
});
