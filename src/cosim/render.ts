/**
 * Template rendering for the harnesses: Handlebars with no HTML escaping and strict lookups, so
 * a field missing from the view model is an error rather than an empty string in generated code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATE_DIR } from './paths.ts';
import type { HarnessView } from './harness-model.ts';

export type TemplateName = 'verilator-harness.cpp.hbs' | 'icarus-tb.v.hbs';

const cache = new Map<TemplateName, { text: string; fn: Handlebars.TemplateDelegate<HarnessView> }>();

/** The raw template text (part of every build-cache key). */
export function templateText(name: TemplateName): string {
  return load(name).text;
}

/** Render `name` with `view`. */
export function renderTemplate(name: TemplateName, view: HarnessView): string {
  return load(name).fn(view);
}

function load(name: TemplateName): { text: string; fn: Handlebars.TemplateDelegate<HarnessView> } {
  let t = cache.get(name);
  if (!t) {
    const text = readFileSync(path.join(TEMPLATE_DIR, name), 'utf8');
    t = { text, fn: Handlebars.compile<HarnessView>(text, { noEscape: true, strict: true }) };
    cache.set(name, t);
  }
  return t;
}
