/** `lowbit-hdl doctor`: which tools are present, their versions, and how to install what is missing. */
import { execa } from 'execa';
import { parseCommand, type Printer } from '../command-line.ts';

interface Check {
  name: string;
  cmd: string;
  args: string[];
  install: string;
  required: boolean;
}

const CHECKS: Check[] = [
  { name: 'verilator', cmd: 'verilator', args: ['--version'], install: 'sudo apt-get install -y verilator', required: true },
  { name: 'iverilog', cmd: 'iverilog', args: ['-V'], install: 'sudo apt-get install -y iverilog', required: true },
  { name: 'yosys (system)', cmd: 'yosys', args: ['-V'], install: 'optional: sudo apt-get install -y yosys (the bundled @yowasp/yosys is used otherwise)', required: false },
  { name: 'c++ compiler', cmd: 'g++', args: ['--version'], install: 'sudo apt-get install -y g++ make (Verilator builds C++)', required: true },
];

export async function doctorCommand(args: readonly string[], p: Printer): Promise<number> {
  parseCommand(args, {}, 0);
  p.out(`node           ${process.version}${Number(process.versions.node.split('.')[0]) >= 20 ? '' : '  (Node 20+ required)'}\n`);
  let missing = 0;
  for (const c of CHECKS) {
    const r = await execa(c.cmd, c.args, { reject: false, all: true });
    const ok = !r.failed && r.exitCode === 0;
    const version = ok ? (r.all ?? '').split('\n')[0]!.trim() : 'MISSING';
    p.out(`${c.name.padEnd(14)} ${version}\n`);
    if (!ok) {
      p.out(`${''.padEnd(14)} install: ${c.install}\n`);
      if (c.required) missing++;
    }
  }
  const yowasp = await import('@yowasp/yosys').then(() => 'available').catch(() => 'MISSING (run npm ci)');
  p.out(`${'@yowasp/yosys'.padEnd(14)} ${yowasp}\n`);
  if (yowasp !== 'available') missing++;
  p.out(missing === 0 ? 'all required tools are present\n' : `${missing} required tool(s) missing\n`);
  return missing === 0 ? 0 : 1;
}
