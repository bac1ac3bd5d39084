/**
 * `lowbit-hdl/lib`: the component library (the parts bin). Plain generator functions over the DSL,
 * each with documented widths and an exact golden twin. Every PE family in `src/pe/` composes these.
 *   arith  — recoders (Booth, EN-T), partial products, bit heaps and compressor trees, CPAs,
 *            multipliers, multi-operand adders, leading-zero/one counters, barrel shifters
 *   fp     — floating-point format descriptors, decode, round/encode, Kulisch accumulators, flags
 *   stream — valid/ready bundles, elastic stages, skid buffers, beat counters, framing
 *   array  — PE-grid topologies (broadcast, systolic chains, drains, edges) and the PE contract
 */
export * from './arith/index.ts';
export * from './fp/index.ts';
export * from './stream/index.ts';
export * from './array/index.ts';
