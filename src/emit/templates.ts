/** Loads and compiles the handlebars templates in `templates/` once per process. */
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cache = new Map<string, Handlebars.TemplateDelegate>();

export const TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/** `name` is a path under templates/, e.g. `verilog/module.v.hbs`. */
export function template(name: string): Handlebars.TemplateDelegate {
  let t = cache.get(name);
  if (!t) {
    // Verilog and plain text, not HTML: nothing is escaped.
    t = Handlebars.compile(readFileSync(TEMPLATE_DIR + name, 'utf8'), { strict: false, noEscape: true });
    cache.set(name, t);
  }
  return t;
}
