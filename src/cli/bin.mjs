#!/usr/bin/env node
// The `lowbit-hdl` command run from its TypeScript sources (`npm run lowbit-hdl`, the tests, CI):
// registers the TypeScript loader, then main. The installed command is the compiled
// dist/cli/bin.js (src/cli/bin.ts), which registers the loader only to import a design file.
import './register-loader.mjs';

const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
