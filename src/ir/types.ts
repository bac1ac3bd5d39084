/**
 * The lowbit-hdl IR: plain, JSON-serializable data (BigInt constants are decimal strings).
 *
 * A design is a list of modules, leaves first, ending with the top. A module owns a flat table of
 * signals (index = `SignalId`) and a list of nodes; every node drives exactly one signal (`dst`),
 * PyRTL-style. Instances drive the signals bound to their output ports. Every signal and node carries
 * the user's source location. Widths and signedness are explicit on every signal; the op table
 * (`op-table.ts`) is the single statement of how an op's result width follows from its operands,
 * and of the value it computes.
 */
import type { SourceLoc } from '../diag/error.ts';

export type { SourceLoc };

/** Index into `IrModule.signals`. */
export type SignalId = number;

/**
 * What a signal is. `input`/`output` are ports; `wire` a user-named combinational net; `reg` a
 * register output (its next-state is a `reg` node); `temp` an anonymous op result, emitted `_t<N>`.
 */
export type SignalRole = 'input' | 'output' | 'wire' | 'reg' | 'temp';

/** Optional numeric-format annotation (e.g. ap_fixed), for manifests and datasheets only. */
export interface FormatNote {
  readonly kind: string;
  readonly text: string;
}

export interface IrSignal {
  readonly id: SignalId;
  /** User name (ports, wires, regs) or null for temps. Legalized by `legalize-names`. */
  name: string | null;
  readonly width: number;
  readonly signed: boolean;
  role: SignalRole;
  loc?: SourceLoc;
  readonly format?: FormatNote;
  /** True when the name was made by the DSL (e.g. `<inst>_<port>`), so legalization may rename it. */
  readonly auto?: boolean;
}

export type PortDir = 'input' | 'output';

/** Stream-protocol role of a port, recorded for manifests and the cosim harness. */
export type PortProtocol = 'data' | 'clock' | 'reset' | 'valid' | 'ready';

export interface IrPort {
  readonly name: string;
  readonly dir: PortDir;
  readonly signal: SignalId;
  readonly protocol: PortProtocol;
  readonly doc?: string;
}

/** Reset style of a module's registers (one clock domain per module). */
export interface ResetSpec {
  readonly name: string;
  /** `sync`: sampled on the clock edge; `async`: in the sensitivity list. */
  readonly style: 'sync' | 'async';
  readonly activeLow: boolean;
}

export interface ClockSpec {
  readonly name: string;
}

/** Binary ops: operands already extended to a common width and signedness (see op table). */
export type BinaryKind =
  | 'add' | 'sub' | 'mul'
  | 'and' | 'or' | 'xor'
  | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

export type UnaryKind = 'not' | 'neg' | 'redand' | 'redor' | 'redxor';

export type NodeKind =
  | BinaryKind | UnaryKind
  | 'const' | 'connect' | 'sext' | 'zext' | 'slice' | 'concat' | 'repl' | 'reinterpret'
  | 'shl' | 'shr' | 'mux' | 'select' | 'rom' | 'reg';

interface NodeBase {
  readonly dst: SignalId;
  readonly loc?: SourceLoc;
}

export interface BinaryNode extends NodeBase { readonly kind: BinaryKind; readonly args: readonly [SignalId, SignalId] }
export interface UnaryNode extends NodeBase { readonly kind: UnaryKind; readonly args: readonly [SignalId] }
/** A constant; `value` is the exact integer (decimal string) within the dst type's range. */
export interface ConstNode extends NodeBase { readonly kind: 'const'; readonly args: readonly []; readonly value: string }
/** Drive a named wire/output from a signal of exactly the same width and signedness. */
export interface ConnectNode extends NodeBase { readonly kind: 'connect'; readonly args: readonly [SignalId] }
/** Sign/zero extension to the (wider or equal) dst width; dst signedness may differ (uint -> sint). */
export interface ExtNode extends NodeBase { readonly kind: 'sext' | 'zext'; readonly args: readonly [SignalId] }
/** Bits `[lsb + dstWidth - 1 : lsb]` of the operand. Explicit truncation lives here. */
export interface SliceNode extends NodeBase { readonly kind: 'slice'; readonly args: readonly [SignalId]; readonly lsb: number }
/** Concatenation, most significant operand first. */
export interface ConcatNode extends NodeBase { readonly kind: 'concat'; readonly args: readonly SignalId[] }
export interface ReplNode extends NodeBase { readonly kind: 'repl'; readonly args: readonly [SignalId]; readonly count: number }
/** Same bits, other signedness (same width). */
export interface ReinterpretNode extends NodeBase { readonly kind: 'reinterpret'; readonly args: readonly [SignalId] }
/**
 * Variable shifts by the unsigned `args[1]`; `shr` is arithmetic for signed operands, logical for
 * unsigned. Constant shifts never reach the IR: the DSL lowers them to `concat`/`slice`.
 */
export interface ShiftNode extends NodeBase {
  readonly kind: 'shl' | 'shr';
  readonly args: readonly [SignalId, SignalId];
}
/** `args = [sel, ifTrue, ifFalse]`, sel 1 bit; arms same width/signedness as dst. */
export interface MuxNode extends NodeBase { readonly kind: 'mux'; readonly args: readonly [SignalId, SignalId, SignalId] }
/** `args = [index, case0, case1, ..., default]`: case i when index == i, else default. */
export interface SelectNode extends NodeBase { readonly kind: 'select'; readonly args: readonly SignalId[] }
/** Lookup table: `table[index]` (decimal strings), `default` for indices past the end. */
export interface RomNode extends NodeBase {
  readonly kind: 'rom';
  readonly args: readonly [SignalId];
  readonly table: readonly string[];
  readonly fallback: string;
}
/**
 * A register driving `dst` (role `reg`). `args = [d]` or `[d, enable]`; `d` is null until the
 * design sets the next state (an unset register is reported by `check-drivers`).
 * `init` is the reset value (decimal string), or null for a register without reset.
 */
export interface RegNode extends NodeBase {
  readonly kind: 'reg';
  args: SignalId[];
  readonly init: string | null;
}

export type IrNode =
  | BinaryNode | UnaryNode | ConstNode | ConnectNode | ExtNode | SliceNode | ConcatNode | ReplNode
  | ReinterpretNode | ShiftNode | MuxNode | SelectNode | RomNode | RegNode;

/**
 * A submodule instance; `connections` maps each child port name (in the child's port order) to a
 * parent signal. Ports named in `outputs` drive their signal; the others read theirs.
 */
export interface IrInstance {
  name: string;
  module: string;
  readonly connections: Readonly<Record<string, SignalId>>;
  readonly outputs: readonly string[];
  readonly loc?: SourceLoc;
}

export interface IrModule {
  name: string;
  readonly doc?: string;
  readonly loc?: SourceLoc;
  readonly clock: ClockSpec | null;
  readonly reset: ResetSpec | null;
  readonly ports: IrPort[];
  readonly signals: IrSignal[];
  readonly nodes: IrNode[];
  readonly instances: IrInstance[];
  /** Elaboration parameters recorded for manifests (JSON values). */
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface IrDesign {
  readonly top: string;
  /** Leaves first; every instance refers to a module earlier in the list. */
  readonly modules: IrModule[];
}
