const C = 65536, S = 16;
const rnd = new Int32Array(C * 3 + 1); for (let i = 0; i < rnd.length; i++) rnd[i] = (i * 2654435761) | 0;
const out = new Uint32Array(C * S); const cols = Array.from({ length: 16 }, () => new Int32Array(C));
// lane params: word index within txn random words, shift, width, out word
const L = 16; const rw = new Int32Array(L), sh = new Int32Array(L), wd = new Int32Array(L), ow = new Int32Array(L);
for (let k = 0; k < 16; k++) { if (k < 8) { rw[k] = 0; sh[k] = 4 * k; wd[k] = 4; } else { rw[k] = 1 + ((k - 8) >> 2); sh[k] = 8 * ((k - 8) & 3); wd[k] = 8; } ow[k] = k; }
function rowGeneric(n: number) {
  for (let i = 0, o = 0, r = 0; i < n; i++, o += S, r += 3) {
    for (let k = 0; k < L; k++) {
      const w = wd[k]; const v = (rnd[r + rw[k]] >>> sh[k]) & ((1 << w) - 1); out[o + ow[k]] = v; cols[k][i] = (v << (32 - w)) >> (32 - w);
    }
  }
}
const body: string[] = [];
for (let k = 0; k < L; k++) body.push(`v = (r${rw[k]} >>> ${sh[k]}) & ${(1 << wd[k]) - 1}; out[o + ${ow[k]}] = v; c${k}[i] = (v << ${32 - wd[k]}) >> ${32 - wd[k]};`);
const gen = new Function('rnd', 'out', 'cols', 'n', `${[...Array(L).keys()].map((k) => `const c${k} = cols[${k}];`).join('')}
  for (let i = 0, o = 0, r = 0; i < n; i++, o += ${S}, r += 3) { const r0 = rnd[r], r1 = rnd[r + 1], r2 = rnd[r + 2]; let v; ${body.join('\n')} }`) as (a: Int32Array, b: Uint32Array, c: Int32Array[], n: number) => void;
for (const [nm, f] of [['row-generic', () => rowGeneric(C)], ['row-codegen', () => gen(rnd, out, cols, C)]] as const) {
  for (let r = 0; r < 20; r++) f();
  const t = performance.now(); for (let r = 0; r < 100; r++) f(); console.log(nm, ((performance.now() - t) * 1e6 / (100 * C)).toFixed(2), 'ns/vec');
}
