/**
 * `lowbit-hdl/pe`: every family's generators, parameter constructors and cosim specs.
 * Each family owns its own `src/pe/<family>/index.ts`; exported names carry the family's prefix
 * (`mixpe…`, `khot…`, `qfx…`, `baseline…`, `bitmod…`, `tpe…`) so the families never collide.
 */
export * from './mixpe/index.ts';
export * from './khot/index.ts';
export * from './qfx/index.ts';
export * from './baseline/index.ts';
export * from './tpe/index.ts';
