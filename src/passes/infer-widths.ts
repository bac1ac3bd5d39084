/**
 * infer-widths — re-derive every node's result type from the op table and check it.
 * Nodes the table marks as assignments (connect, reg) must bring exactly the target's type.
 * In: IR with declared signal types (from the DSL or a JSON file), drivers already checked.
 * Out: unchanged IR; an error per node whose declared type breaks its rule, and per assignment or
 * instance connection whose types differ (narrowing is reported as implicit truncation).
 */
import type { IrModule, IrNode, IrSignal } from '../ir/types.ts';
import { OP_TABLE, typeName } from '../ir/op-table.ts';
import type { Diagnostic } from '../diag/error.ts';

/** `children[i]` is the module behind `mod.instances[i]`. */
export function inferWidths(mod: IrModule, children: readonly IrModule[], diags: Diagnostic[]): void {
  const sig = (id: number): IrSignal => mod.signals[id]!;
  for (const n of mod.nodes) {
    if (n.args.some((a) => a < 0)) continue; // unset register: reported by check-drivers
    const dst = sig(n.dst);
    const args = n.args.map((a) => sig(a));
    const rule = OP_TABLE[n.kind];
    // An assignment (connect, reg next state) is the one place a value meets a declared type:
    // reported as implicit truncation / width mismatch, never extended or cut.
    if (rule.assignment && args[0]) checkAssign(dst, args[0], n, dst.role === 'reg' ? `register '${dst.name}'` : `'${dst.name}'`, diags);
    const r = rule.result(args, n, dst);
    if ('error' in r) {
      diags.push({ severity: 'error', message: `${n.kind}${dst.name !== null ? ` '${dst.name}'` : ''}: ${r.error}`, loc: n.loc });
    } else if (r.width !== dst.width || r.signed !== dst.signed) {
      diags.push({ severity: 'error', message: `${n.kind} produces ${typeName(r)} but its result is declared ${typeName(dst)}`, loc: n.loc });
    }
  }
  for (const [i, inst] of mod.instances.entries()) {
    const child = children[i];
    if (!child) continue;
    for (const p of child.ports) {
      if (p.dir !== 'input') continue;
      const id = inst.connections[p.name];
      if (id === undefined) continue;
      const want = child.signals[p.signal]!;
      const got = sig(id);
      if (want.width !== got.width || want.signed !== got.signed) {
        diags.push(mismatch(`input '${p.name}' of instance '${inst.name}'`, want, got, inst.loc));
      }
    }
  }
}

function checkAssign(dst: IrSignal, src: IrSignal, n: IrNode, what: string, diags: Diagnostic[]): void {
  if (dst.width === src.width && dst.signed === src.signed) return;
  diags.push(mismatch(what, dst, src, n.loc));
}

function mismatch(what: string, want: { width: number; signed: boolean }, got: { width: number; signed: boolean }, loc: IrNode['loc']): Diagnostic {
  if (got.width > want.width) {
    return {
      severity: 'error',
      message: `implicit truncation: assigning a ${typeName(got)} value to ${what} of type ${typeName(want)}`,
      hint: `narrow explicitly with .resize(${want.width}) or .trunc(${want.width}), or widen the target`,
      loc,
    };
  }
  const hint =
    got.signed !== want.signed
      ? `convert explicitly: ${want.signed ? '.toSigned() / .asSigned()' : '.asUnsigned()'}${got.width !== want.width ? ` and .ext(${want.width})` : ''}`
      : `extend explicitly with .ext(${want.width})`;
  return { severity: 'error', message: `width mismatch: assigning a ${typeName(got)} value to ${what} of type ${typeName(want)}`, hint, loc };
}
