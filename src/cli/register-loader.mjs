// Registers what loading TypeScript with no build step needs: tsx (with source maps, so errors
// carry the user's line numbers) and, in front of it, design-hooks.mjs (design files load as ES
// modules from CommonJS packages and from outside any package). Importing this file registers them
// once per thread (an ES module is evaluated once).
//
// Who imports it: the compiled CLI (dist/cli/design-loader.js) just before it imports a user's
// design file, so `--help` never loads tsx; the sources entry src/cli/bin.mjs and the test runner
// test/cli/cli-batch.mjs before they import the CLI's own TypeScript; the sweep's worker threads.
//
// When this file runs from the sources (src/cli/, not dist/cli/), `lowbit-hdl` imports in design
// files must resolve to the sources too, or a design would build with a second copy of the DSL:
// the hooks then add the `lowbit-hdl-source` export condition (package.json `exports`).
import { register as registerHooks } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

const fromSources = new URL(import.meta.url).pathname.endsWith('/src/cli/register-loader.mjs');

process.setSourceMapsEnabled(true);
registerTsx();
registerHooks(new URL('./design-hooks.mjs', import.meta.url), { data: { conditions: fromSources ? ['lowbit-hdl-source'] : [] } });
