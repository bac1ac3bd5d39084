/**
 * A stand-in `yosys` executable for testing the native runner and engine choice without a real
 * Yosys on PATH (not a test file itself). It prints a chosen version for `-V`; for a run
 * (`-q -l LOG -s SCRIPT`) it records its working directory in `<dir>/cwds.txt`, writes a log,
 * copies the script to `out/script-copy.ys` and lists its working tree in `out/listing.txt`.
 * A script line `fail` makes it report a Yosys-style error; `crash` makes it kill itself.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeYosys {
  readonly binary: string;
  readonly dir: string;
  remove(): Promise<void>;
}

export async function makeFakeYosys(version: string): Promise<FakeYosys> {
  const dir = await mkdtemp(join(tmpdir(), 'lowbit-fake-yosys-'));
  const binary = join(dir, 'yosys');
  const sh = `#!/bin/sh
if [ "$1" = "-V" ]; then echo "Yosys ${version} (git sha1 0000000, fake)"; exit 0; fi
log="$3"; script="$5"
pwd >> "${dir}/cwds.txt"
{ echo "Yosys ${version} (fake)"; cat "$script"; } > "$log"
if grep -q '^fail' "$script"; then
  echo "src/top.v:7: ERROR: fake failure" >> "$log"; echo "src/top.v:7: ERROR: fake failure" >&2; exit 1
fi
if grep -q '^crash' "$script"; then kill -9 $$; fi
mkdir -p out
cp "$script" out/script-copy.ys
find . -type f | sort > out/listing.txt
exit 0
`;
  await writeFile(binary, sh);
  await chmod(binary, 0o755);
  return { binary, dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
