#!/usr/bin/env node
// Entry point of the `lowbit-hdl` command: registers tsx so TypeScript (the CLI and the user's
// design files) loads with no build step, with source maps for the user's line numbers.
import { register } from 'tsx/esm/api';

process.setSourceMapsEnabled(true);
register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
