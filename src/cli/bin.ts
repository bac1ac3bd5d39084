#!/usr/bin/env node
/**
 * Entry point of the installed `lowbit-hdl` command (package.json `bin`), compiled to
 * dist/cli/bin.js by `npm run build`: plain JavaScript, so start-up parses no TypeScript and
 * loads no loader. tsx is registered only when a command imports a user's design file
 * (load-design.ts), and each command's heavy dependencies only when it runs (main.ts).
 * The repository's sources entry, which runs this same CLI from TypeScript, is src/cli/bin.mjs.
 */
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
