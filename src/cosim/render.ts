/**
 * The harness templates (`templates/cosim/`), rendered through the one template loader
 * (`src/util/templates.ts`: no escaping, strict lookups) with the harness view model.
 */
import { loadTemplate } from '../util/templates.ts';
import type { HarnessView } from './harness-model.ts';

export type TemplateName = 'verilator-harness.cpp.hbs' | 'icarus-tb.v.hbs';

/** The raw template text (part of every build-cache key). */
export function templateText(name: TemplateName): string {
  return loadTemplate(`cosim/${name}`).text;
}

/** Render `name` with `view`. */
export function renderTemplate(name: TemplateName, view: HarnessView): string {
  return loadTemplate(`cosim/${name}`).render(view);
}
