// Helper process of the kill-at-random-times test (write-output.test.ts): rewrites the output
// directory given as argv[2] forever, alternating two versions of 20 files, and prints a line
// after its first complete write so the test knows when to start its random kill delay.
import { writeOutputDir } from '../../src/emit/write-output.ts';

const target = process.argv[2]!;
for (let i = 0; ; i++) {
  const v = i % 2 === 0 ? 'A' : 'B';
  const files = new Map(Array.from({ length: 20 }, (_, k) => [`m${String(k).padStart(2, '0')}.v`, `version ${v}\n`.repeat(200)] as [string, string]));
  files.set('manifest.json', JSON.stringify({ generator: { name: 'lowbit-hdl', version: v }, files: [...files.keys()].map((file) => ({ file })) }));
  writeOutputDir(target, files);
  if (i === 0) process.stdout.write('ready\n');
}
