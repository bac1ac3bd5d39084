/** `lowbit-hdl gen`: write a design's RTL and side files, or list its parameters. */
import { parseCommand, printDiagnostics, UsageError, type Printer } from '../command-line.ts';
import { generateTo } from '../generate.ts';
import { loadDesign } from '../load-design.ts';
import { formatParamList } from '../param-values.ts';

export async function genCommand(args: readonly string[], p: Printer): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      out: { type: 'string', short: 'o' },
      force: { type: 'boolean' },
      param: { type: 'string', multiple: true },
      top: { type: 'string' },
      'single-file': { type: 'boolean' },
      'src-locs': { type: 'boolean' },
      'list-params': { type: 'boolean' },
    },
    1,
  );
  const designPath = positionals[0]!;
  if (values.out === '') throw new UsageError('-o takes a directory path, not an empty string');
  if (values['list-params']) {
    const { design, params } = await loadDesign(designPath);
    p.out(formatParamList(params, design.defaults));
    return 0;
  }
  const g = await generateTo(designPath, {
    outDir: values.out as string | undefined,
    force: values.force as boolean | undefined,
    params: values.param as string[] | undefined,
    top: values.top as string | undefined,
    singleFile: values['single-file'] as boolean | undefined,
    srcLocs: values['src-locs'] as boolean | undefined,
  });
  printDiagnostics(g.warnings, p);
  const nmod = g.ir.modules.length;
  p.out(`wrote ${g.outDir}/ (${nmod} module${nmod === 1 ? '' : 's'}, top ${g.ir.top}, ${g.files.size} files)\n`);
  return 0;
}
