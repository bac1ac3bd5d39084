/**
 * `lowbit-hdl/pe`: every family's generators, parameter constructors and cosim specs.
 * Each family owns its own `src/pe/<family>/index.ts`; exported names carry the family's prefix
 * (`mixpe…`, `khot…`, `qfx…`, `bitmod…`, `tpe…`) so the families never collide. The dequantize-first
 * baselines are part of the MixPE family (`mixpeBaseline…`): they are defined by the MixPE spec.
 */
export * from './mixpe/index.ts';
export * from './khot/index.ts';
export * from './qfx/index.ts';
export * from './bitmod/index.ts';
export * from './tpe/index.ts';
