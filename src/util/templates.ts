/**
 * The one Handlebars loader. Every generated text — Verilog modules and output files (src/emit),
 * simulator harnesses (src/cosim), Yosys scripts (src/synth) — is a template under `templates/`
 * rendered through here, with one policy:
 * - nothing is HTML-escaped (the outputs are Verilog, C++, Yosys scripts and Markdown);
 * - lookups are strict: a field missing from the view is an error, not an empty string in
 *   generated code (a field present with the value `undefined` renders empty and is false in
 *   `{{#if}}`, which is how views say "no module doc");
 * - files named `_<name>.<ext>.hbs` in a template's folder are its partials, `{{> name}}`;
 * - each template is read and compiled once per process.
 * Names are paths under `templates/`, e.g. `verilog/module.v.hbs`.
 */
import Handlebars from 'handlebars';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The package's `templates/` folder (found from this file, not the working directory). */
export const TEMPLATE_ROOT = fileURLToPath(new URL('../../templates/', import.meta.url));

export interface LoadedTemplate {
  readonly name: string;
  /** The template source (e.g. part of a build-cache key). */
  readonly text: string;
  readonly render: (view: object) => string;
}

const cache = new Map<string, LoadedTemplate>();
/** One Handlebars environment per template folder, holding that folder's partials. */
const envs = new Map<string, typeof Handlebars>();

function envFor(folder: string): typeof Handlebars {
  let env = envs.get(folder);
  if (!env) {
    env = Handlebars.create();
    for (const f of readdirSync(join(TEMPLATE_ROOT, folder)).sort()) {
      const m = /^_([A-Za-z0-9-]+)\..*hbs$/.exec(f);
      if (m) env.registerPartial(m[1]!, readFileSync(join(TEMPLATE_ROOT, folder, f), 'utf8'));
    }
    envs.set(folder, env);
  }
  return env;
}

/** Load (once) and compile the template `name`. */
export function loadTemplate(name: string): LoadedTemplate {
  let t = cache.get(name);
  if (!t) {
    const text = readFileSync(join(TEMPLATE_ROOT, name), 'utf8');
    const fn = envFor(dirname(name)).compile(text, { noEscape: true, strict: true });
    t = { name, text, render: (view) => fn(view) };
    cache.set(name, t);
  }
  return t;
}

/** Render the template `name` with `view`. */
export function renderTemplate(name: string, view: object): string {
  return loadTemplate(name).render(view);
}
