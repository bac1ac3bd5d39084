// Runs several `lowbit-hdl` command lines in ONE process, the way src/cli/bin.mjs runs one: the
// same loader (src/cli/register-loader.mjs: tsx with source maps and the design hooks) (so diagnostics carry the real TypeScript lines), then main(argv).
// Usage: node test/cli/cli-batch.mjs '<JSON array of argv arrays>'; prints a JSON array of
// { code, stdout, stderr }. Saves the ~1.5 s startup per command line (tsx, the TS compiler).
import '../../src/cli/register-loader.mjs';

const { main } = await import('../../src/cli/main.ts');
const results = [];
for (const argv of JSON.parse(process.argv[2])) {
  let stdout = '';
  let stderr = '';
  let code;
  try {
    code = await main(argv, { out: (s) => void (stdout += s), err: (s) => void (stderr += s) });
  } catch (e) {
    code = 'crash';
    stderr += String(e && e.stack ? e.stack : e);
  }
  results.push({ code, stdout, stderr });
}
process.stdout.write(JSON.stringify(results));
