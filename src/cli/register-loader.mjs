// Registers what the CLI needs to import TypeScript with no build step: tsx (with source maps, so
// errors carry the user's line numbers) and, in front of it, design-hooks.mjs (design files load
// as ES modules from CommonJS packages and from outside any package). Used by bin.mjs and by the
// test runner test/cli/cli-batch.mjs, so both load designs exactly alike.
import { register as registerHooks } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

process.setSourceMapsEnabled(true);
registerTsx();
registerHooks(new URL('./design-hooks.mjs', import.meta.url));
