/**
 * Elastic pipeline (lowbit-hdl/lib stream): `depth` register slices, each with its own valid
 * bit, between an upstream and a downstream valid/ready stream (bundle.ts protocol).
 *
 * Rules:
 * - stage k (1 … depth) is ready when it is empty or its content moves on this cycle:
 *   `ready_k = !valid_k || ready_{k+1}`, `ready_{depth+1}` = downstream ready. On `ready_k` the
 *   stage loads the previous stage's valid bit and data; otherwise it holds both.
 * - valid is held until accepted and data is stable while stalled (a stage only changes on
 *   `ready_k`, and `ready_k` is low exactly when it is full and stalled).
 * - bubbles collapse: an empty stage accepts even while the output is stalled, so the pipeline
 *   holds up to `depth` beats; full throughput (one beat per cycle) without stalls.
 * - the upstream ready depends COMBINATIONALLY on the downstream ready (through the chain of
 *   ORs); put a skid buffer (skid.ts) in front where that path must be cut.
 * Data registers have no reset (their content is only read with its valid bit).
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import { mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';

export interface ElasticPipeline {
  /** Upstream ready (`ready_1`). */
  readonly inReady: Signal;
  /** Downstream valid (`valid_depth`). */
  readonly outValid: Signal;
  /** `valid_k` of stage k (1 … depth). */
  valid(k: number): Signal;
  /** `ready_k` of stage k: the stage loads on this cycle. */
  ready(k: number): Signal;
  /** A data register `name` of stage k that loads `value` when the stage does. */
  stage(k: number, name: string, value: Signal): Signal;
}

/**
 * An elastic pipeline of `depth` stages; valid registers are `<prefix>_<k>` (reset 0). `inValid`
 * is the upstream valid, `outReady` the downstream ready.
 */
export function elasticPipeline(m: ModuleBuilder, depth: number, inValid: Signal, outReady: Signal, prefix = 'valid'): ElasticPipeline {
  if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`elasticPipeline: depth must be an integer >= 1, got ${depth}`);
  const valid = Array.from({ length: depth }, (_, i) => m.reg(`${prefix}_${i + 1}`, uint(1), { reset: 0 }));
  const ready: Signal[] = [];
  ready[depth] = outReady.or(valid[depth - 1]!.not());
  for (let k = depth - 1; k >= 1; k--) ready[k] = valid[k - 1]!.not().or(ready[k + 1]!);
  const stageIn = [inValid, ...valid.slice(0, depth - 1)];
  valid.forEach((v, i) => v.set(mux(ready[i + 1]!, stageIn[i]!, v)));
  const check = (k: number): void => {
    if (!Number.isInteger(k) || k < 1 || k > depth) throw new RangeError(`elasticPipeline: stage ${k} is outside 1 … ${depth}`);
  };
  return {
    inReady: ready[1]!,
    outValid: valid[depth - 1]!,
    valid: (k) => (check(k), valid[k - 1]!),
    ready: (k) => (check(k), ready[k]!),
    stage(k, name, value) {
      check(k);
      const q = m.reg(name, value.type);
      q.set(mux(ready[k]!, value, q));
      return q;
    },
  };
}
