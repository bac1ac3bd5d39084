// Test helper for tarball.test.ts, preloaded with `node --import`: appends every module URL the
// process resolves to the file named by $SPY_LOG. Registered first, so it is the innermost hook
// and sees what later hooks (tsx, the design hooks) resolve as well.
import { register } from 'node:module';

const hooks = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(${JSON.stringify(process.env.SPY_LOG)}, r.url + '\\n');
  return r;
}`;
register('data:text/javascript,' + encodeURIComponent(hooks));
