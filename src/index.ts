/** lowbit-hdl public surface: everything a design file imports. */
export { uint, sint, fixed, ufixed, typeText, type HwType, type QuantMode, type OverflowMode } from './dsl/types.ts';
export { Signal, type Operand } from './dsl/signal.ts';
export { module, ModuleBuilder, ModuleDef, Wire, Reg, type ModuleOptions, type RegOptions, type PortOptions } from './dsl/module-builder.ts';
export { mux, select, rom, cat, repl, sum } from './dsl/ops.ts';
export { defineDesign, type Design, type DesignSpec, type ParamRecord } from './dsl/design.ts';
export { elaborate } from './dsl/elaborate.ts';
