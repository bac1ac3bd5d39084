/**
 * A generic PE contract (lowbit-hdl/lib array): what an array needs of a processing element,
 * stated once as a table (ports with direction, type and meaning; clocking; timing) and checked
 * against a generated PE module when the array is built, so an array takes any PE that keeps it.
 *
 * `checkPeContract` verifies: every port of the table exists with that direction and exact type
 * (width and signedness), the PE's clock and reset are the ones the contract names, and the
 * PE's declared latency is within the contract's range. A violation is a `LowbitError` naming
 * the PE module, the port or the property, and where the contract is documented.
 *
 * `groupPeTiming` is the timing rule of group-accumulating PEs (MixPE, the baselines): `en`
 * qualifies a beat, `last` (qualified by `en`) ends a group, and the group result is valid
 * exactly `latency` cycles after the cycle of `en && last`; internal pipelines are free-running.
 */
import type { ModuleDef } from '../../dsl/module-builder.ts';
import { typeText, uint, type HwType } from '../../dsl/types.ts';
import { userError } from '../../diag/error.ts';

/** One row of a contract's port table. */
export interface PePort {
  readonly name: string;
  readonly dir: 'input' | 'output';
  readonly type: HwType;
  /** What the port carries (for the docs and error hints). */
  readonly meaning: string;
}

/** A PE contract: port table, clocking and timing. */
export interface PeContract {
  /** Who states the contract (e.g. `MixPE`): prefixes every error. */
  readonly family: string;
  /** Where the contract is documented (named in every error hint). */
  readonly docRef: string;
  readonly ports: readonly PePort[];
  /** Required clock port name, or null for a combinational PE. */
  readonly clock: string | null;
  /** Required reset: name, style and polarity; null when the PE must have none; undefined: any. */
  readonly reset?: { readonly name: string; readonly style: 'sync' | 'async'; readonly activeLow: boolean } | null;
  /** Allowed latency range (cycles), inclusive. */
  readonly latency: { readonly min: number; readonly max: number };
}

/** The ports every group-accumulating PE has besides its data ports: `en` and `last`. */
export function groupPePorts(): PePort[] {
  return [
    { name: 'en', dir: 'input', type: uint(1), meaning: 'a beat is accepted this cycle (data inputs valid)' },
    { name: 'last', dir: 'input', type: uint(1), meaning: 'qualified by en: this beat is the last of its group' },
  ];
}

/** Check PE module `def` with declared `latency` against contract `c`. */
export function checkPeContract(def: ModuleDef, latency: number, c: PeContract): void {
  const hint = `see the PE contract in ${c.docRef}`;
  for (const want of c.ports) {
    const port = def.ir.ports.find((q) => q.name === want.name && q.dir === want.dir);
    const got = port ? def.portType(want.name) : undefined;
    if (!got || got.width !== want.type.width || got.signed !== want.type.signed) {
      throw userError(
        `${c.family} PE module '${def.name}' must have ${want.dir} port '${want.name}' of type ${typeText(want.type)}${got ? `, got ${typeText(got)}` : ''}`,
        hint,
      );
    }
  }
  if (!Number.isInteger(latency) || latency < c.latency.min || latency > c.latency.max) {
    throw userError(`${c.family} PE '${def.name}': latency ${latency} must be an integer in ${c.latency.min} … ${c.latency.max}`, hint);
  }
  const clock = def.ir.clock;
  if (c.clock === null ? clock !== null && clock !== undefined : !clock || clock.name !== c.clock) {
    throw userError(`${c.family} PE '${def.name}' must ${c.clock === null ? 'have no clock' : `use clock '${c.clock}'`}`, hint);
  }
  if (c.reset !== undefined) {
    const r = def.ir.reset;
    const ok = c.reset === null ? !r : !!r && r.name === c.reset.name && r.style === c.reset.style && r.activeLow === c.reset.activeLow;
    if (!ok) {
      const what = c.reset === null ? 'no reset' : `the ${c.reset.style} active-${c.reset.activeLow ? 'low' : 'high'} reset '${c.reset.name}'`;
      throw userError(`${c.family} PE '${def.name}' must use ${what}`, hint);
    }
  }
}

/** The contract's port table as Markdown rows (`| port | dir | type | meaning |`), for docs. */
export function contractTable(c: PeContract): string {
  const rows = c.ports.map((p) => `| \`${p.name}\` | ${p.dir === 'input' ? 'in' : 'out'} | ${typeText(p.type)} | ${p.meaning} |`);
  return ['| port | dir | type | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
