/**
 * Bench section (issue 8 item 5): the src/lib/arith variants side by side with the DSL's `*` and
 * `+` (which leave the architecture to Yosys): generic gate cells and logic depth
 * (`synth --target generic`), static-CMOS transistors (`--target cmos`).
 *   multipliers  8x8 and 16x16 signed: {array, Booth, EN-T} x {Wallace, Dadda (+4:2)} x CPA
 *   adders       32-bit: ripple, Kogge-Stone, Brent-Kung, Sklansky vs `+`
 *   multi-operand eight 8-bit signed operands: heap (Wallace/Dadda) vs the balanced `+` tree
 * Reported, not asserted beyond sanity (every variant synthesizes, depth is finite). Run with
 * `npx tsx test/bench/arith-area.ts [--quick]` (quick: the 8x8 table only).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { module, sint, elaborate, type ModuleDef } from '../../src/index.ts';
import { multiply, addCpa, sum, type MultiplyOptions, type CpaKind, type SumOptions } from '../../src/lib/arith/index.ts';
import { synthesize } from '../../src/synth/index.ts';
import { writeDesignRtl } from '../../src/emit/write-output.ts';

interface Row { group: string; name: string; cells: number; depth: number; transistors: number }

async function measure(dir: string, def: ModuleDef): Promise<{ cells: number; depth: number; transistors: number }> {
  const { design } = elaborate(def);
  const files = writeDesignRtl(design, join(mkdtempSync(join(dir, 'd-')), 'rtl'), 'bench');
  const g = await synthesize({ files, top: design.top, target: 'generic' });
  const c = await synthesize({ files, top: design.top, target: 'cmos' });
  return { cells: g.cells.total, depth: g.depth?.levels ?? -1, transistors: c.cmos?.transistors ?? -1 };
}

const mulDef = (w: number, opts: MultiplyOptions | null) =>
  module(`mul${w}`, (m) => {
    const a = m.input('a', sint(w));
    const b = m.input('b', sint(w));
    m.output('y', opts ? multiply(a, b, opts) : a.mul(b));
  }, { clock: null });

const addDef = (w: number, kind: CpaKind) =>
  module(`add${w}`, (m) => void m.output('y', addCpa(m.input('a', sint(w)), m.input('b', sint(w)), { kind })), { clock: null });

const sumDef = (n: number, w: number, opts: SumOptions) =>
  module(`sum${n}x${w}`, (m) => void m.output('y', sum(Array.from({ length: n }, (_, i) => m.input(`x${i}`, sint(w))), opts)), { clock: null });

function mulVariants(full: boolean): [string, MultiplyOptions | null][] {
  const v: [string, MultiplyOptions | null][] = [['`*` (Yosys)', null]];
  const cpas: CpaKind[] = full ? ['ripple', 'kogge-stone', 'brent-kung', 'sklansky', 'plus'] : ['ripple', 'kogge-stone', 'plus'];
  for (const recoder of ['array', 'booth'] as const) for (const schedule of ['wallace', 'dadda'] as const) for (const cpa of cpas) v.push([`${recoder} ${schedule} ${cpa}`, { recoder, schedule, cpa }]);
  v.push(['booth dadda+4:2 kogge-stone', { recoder: 'booth', schedule: 'dadda', use42: true, cpa: 'kogge-stone' }]);
  v.push(['booth dadda kogge-stone, elim. sign ext.', { recoder: 'booth', schedule: 'dadda', cpa: 'kogge-stone', signExtension: 'eliminated' }]);
  v.push(['ent dadda kogge-stone', { recoder: 'ent', schedule: 'dadda', cpa: 'kogge-stone' }]);
  return v;
}

export async function arithAreaTable(quick = false): Promise<{ text: string; ok: boolean }> {
  const dir = mkdtempSync(join(tmpdir(), 'arith-bench-'));
  const rows: Row[] = [];
  try {
    for (const w of quick ? [8] : [8, 16]) {
      for (const [name, opts] of mulVariants(w === 8)) rows.push({ group: `${w}x${w} signed multiply`, name, ...(await measure(dir, mulDef(w, opts))) });
    }
    if (!quick) {
      for (const kind of ['plus', 'ripple', 'kogge-stone', 'brent-kung', 'sklansky'] as const) rows.push({ group: '32-bit signed add', name: kind === 'plus' ? '`+` (Yosys)' : kind, ...(await measure(dir, addDef(32, kind))) });
      const sums: [string, SumOptions][] = [['`+` tree (DSL sum)', {}], ['heap wallace +', { method: 'heap', schedule: 'wallace' }], ['heap dadda +', { method: 'heap', schedule: 'dadda' }], ['heap dadda kogge-stone', { method: 'heap', schedule: 'dadda', cpa: 'kogge-stone' }], ['heap dadda+4:2 +, elim.', { method: 'heap', schedule: 'dadda', use42: true, signExtension: 'eliminated' }]];
      for (const [name, opts] of sums) rows.push({ group: 'sum of eight sint(8)', name, ...(await measure(dir, sumDef(8, 8, opts))) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const w = Math.max(...rows.map((r) => r.name.length), 7);
  const lines: string[] = [];
  let group = '';
  for (const r of rows) {
    if (r.group !== group) {
      group = r.group;
      const base = rows.find((x) => x.group === group)!;
      lines.push(`-- ${group} (ratios against ${base.name}) --`);
      lines.push(`${'variant'.padEnd(w)}  ${'cells'.padStart(6)}  ${'ratio'.padStart(5)}  ${'CMOS tr.'.padStart(8)}  ${'ratio'.padStart(5)}  ${'depth'.padStart(5)}`);
    }
    const base = rows.find((x) => x.group === r.group)!;
    lines.push(`${r.name.padEnd(w)}  ${String(r.cells).padStart(6)}  ${(r.cells / base.cells).toFixed(2).padStart(5)}  ${String(r.transistors).padStart(8)}  ${(r.transistors / base.transistors).toFixed(2).padStart(5)}  ${String(r.depth).padStart(5)}`);
  }
  const ok = rows.every((r) => r.cells > 0 && r.depth > 0 && r.transistors > 0);
  lines.push(`every variant synthesized with a finite depth: ${ok ? 'met' : 'MISSED'}`);
  return { text: lines.join('\n'), ok };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await arithAreaTable(process.argv.includes('--quick'))).text);
}
