/**
 * Controller of the MixPE array: the library's group-array controller (src/lib/array
 * group-controller.ts, its contract is documented there) for the MixPE array shape, under the
 * MixPE module name. `dequantUnit = BIT_SERIAL` makes epilogue stage A a multi-cycle unit
 * (`itemInterval` = the scale's significand bits, params.ts `dequantCycles`).
 */
import type { ModuleDef } from '../../dsl/module-builder.ts';
import { groupController } from '../../lib/array/group-controller.ts';
import { dequantCycles, type MixpeParams } from './params.ts';

export { columnControl } from '../../lib/array/group-controller.ts';

export function controlModule(p: MixpeParams, latency: number): ModuleDef {
  return groupController({
    rows: p.rows,
    G: p.G,
    K: p.K,
    latency,
    itemInterval: dequantCycles(p),
    name: `mixpe_ctrl_r${p.rows}_g${p.G}_k${p.K}_l${latency}${dequantCycles(p) > 1 ? `_s${dequantCycles(p)}` : ''}`,
    doc: `MixPE array controller: ${p.rows} rows, G = ${p.G}, K = ${p.K}, PE latency ${latency}`,
  });
}
