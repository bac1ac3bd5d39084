#!/usr/bin/env node
// Entry point of the `lowbit-hdl` command: registers the TypeScript loader (the CLI and the user's
// design files load with no build step, with source maps for the user's line numbers), then main.
import './register-loader.mjs';

const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
