// Node module hooks (module.register) for loading a user's design files, chained in front of tsx:
//
//  - A `.ts`, `.mts` or `.tsx` file outside node_modules is loaded as an ES module whatever its
//    package.json says. `npm init -y` writes `"type": "commonjs"`; without this, tsx would load an
//    `import`/`export` design file as CommonJS and Node fails with "Cannot require() ES Module …
//    in a cycle". (`.cts` files stay CommonJS, as their extension says.)
//  - `lowbit-hdl` and `lowbit-hdl/<entry>` resolve from the user's project first; when the design
//    sits outside any project that has the package (a scratch directory, a global install), they
//    resolve to the copy of lowbit-hdl that is running.
//  - Export conditions given by register-loader.mjs (`lowbit-hdl-source` when the CLI runs from its
//    TypeScript sources) are added to every resolution, so `lowbit-hdl` means the running copy.
const SELF = new URL('../../package.json', import.meta.url).href;
let extraConditions = [];

export function initialize(data) {
  extraConditions = data?.conditions ?? [];
}

function withConditions(context) {
  return extraConditions.length ? { ...context, conditions: [...context.conditions, ...extraConditions] } : context;
}

function isUserTs(url) {
  if (!url.startsWith('file:') || url.includes('/node_modules/')) return false;
  return /\.(ts|mts|tsx)$/.test(new URL(url).pathname);
}

export async function resolve(specifier, context, nextResolve) {
  let r;
  try {
    r = await nextResolve(specifier, withConditions(context));
  } catch (e) {
    if (!/^lowbit-hdl(\/|$)/.test(specifier) || e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
    r = await nextResolve(specifier, { ...withConditions(context), parentURL: SELF });
  }
  return isUserTs(r.url) ? { ...r, format: 'module' } : r;
}

export async function load(url, context, nextLoad) {
  return nextLoad(url, isUserTs(url) ? { ...context, format: 'module' } : context);
}
