/**
 * legalize-names — make every name a legal, unique Verilog-2005 identifier.
 * In: IR with user names (may be keywords, invalid, or collide) and anonymous temps (name null).
 * Out: every signal and instance named; user names kept verbatim when legal, keywords suffixed
 * with `_` (warning); invalid or colliding user names are errors; temps become `_t<N>`.
 */
import type { IrModule } from '../ir/types.ts';
import type { Diagnostic } from '../diag/error.ts';
import { VERILOG_KEYWORDS } from './verilog-keywords.ts';

const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*$/;

export function isLegalIdentifier(name: string): boolean {
  return IDENT.test(name) && !VERILOG_KEYWORDS.has(name);
}

/** Check a user-given name; returns the name to use (keywords get a `_` suffix). */
export function legalName(name: string, what: string, diags: Diagnostic[], loc?: IrModule['loc']): string {
  if (!IDENT.test(name) || name.startsWith('$')) {
    diags.push({ severity: 'error', message: `illegal name '${name}' for ${what}`, hint: 'use letters, digits and _ and start with a letter or _', loc });
    return name;
  }
  if (VERILOG_KEYWORDS.has(name)) {
    diags.push({ severity: 'warning', message: `'${name}' is a Verilog keyword; ${what} is emitted as '${name}_'`, loc });
    return `${name}_`;
  }
  return name;
}

export function legalizeNames(mod: IrModule, diags: Diagnostic[]): void {
  const taken = new Map<string, string>(); // name -> description of the first user
  const claim = (name: string, what: string, loc: IrModule['loc']): void => {
    const prev = taken.get(name);
    if (prev !== undefined) {
      diags.push({ severity: 'error', message: `name '${name}' is used twice in module '${mod.name}': ${prev} and ${what}`, hint: 'give each port, wire, register and instance its own name (e.g. add a loop index)', loc });
    } else {
      taken.set(name, `${what}${loc ? ` (line ${loc.line})` : ''}`);
    }
  };
  // Ports first (their names are the interface), then user nets, then instances.
  for (const s of mod.signals) {
    if (s.name === null || s.auto) continue;
    const what = `${s.role} '${s.name}'`;
    s.name = legalName(s.name, what, diags, s.loc);
    claim(s.name, what, s.loc);
  }
  for (const inst of mod.instances) {
    const what = `instance '${inst.name}'`;
    inst.name = legalName(inst.name, what, diags, inst.loc);
    claim(inst.name, what, inst.loc);
  }
  // DSL-made names: keep when free, otherwise add the first free numeric suffix.
  const unique = (base: string): string => {
    let name = base;
    for (let k = 1; taken.has(name) || VERILOG_KEYWORDS.has(name); k++) name = `${base}_${k}`;
    taken.set(name, 'generated');
    return name;
  };
  for (const s of mod.signals) if (s.auto && s.name !== null) s.name = unique(s.name);
  let t = 0;
  for (const s of mod.signals) {
    if (s.name !== null) continue;
    let name = `_t${t++}`;
    while (taken.has(name)) name = `_t${t++}`;
    taken.set(name, 'temp');
    s.name = name;
  }
}
