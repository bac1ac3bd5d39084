/**
 * Bench worker: elaborate + check + emit an R x C array of INT8 MAC PEs (examples/mac-array.ts)
 * in this process and print one JSON line {rows, cols, pes, ms, peakRssMb}. Run by run.ts in a
 * fresh process per size so peak RSS is per size.
 */
import design from './mac-array-design.ts';
import { elaborate } from '../../src/dsl/elaborate.ts';
import { emitDesign } from '../../src/emit/emit-design.ts';

const [rows, cols] = process.argv.slice(2).map(Number) as [number, number];
const t0 = performance.now();
const top = design.build({ rows, cols, accWidth: 24 });
const { design: ir } = elaborate(top);
const files = emitDesign(ir, { version: 'bench' });
const ms = performance.now() - t0;
let bytes = 0;
for (const t of files.values()) bytes += t.length;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ rows, cols, pes: rows * cols, ms, peakRssMb, bytes }));
