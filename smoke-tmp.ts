const C = 65536; const L = 16; const buf = new Uint32Array(C * L);
for (let i = 0; i < buf.length; i++) buf[i] = (i * 2654435761) >>> 28;
const cols = Array.from({ length: L }, () => new Int32Array(C));
function extS(words: Uint32Array, col: Int32Array, n: number, off: number, stride: number, s: number) {
  for (let i = 0, o = off; i < n; i++, o += stride) col[i] = (words[o] << s) >> s;
}
function allLanes(words: Uint32Array, cs: Int32Array[], n: number) {
  for (let l = 0; l < L; l++) extS(words, cs[l], n, l, L, 28);
}
// generated one-pass
const src = `return function(w, c, n) { ${[...Array(L).keys()].map((l) => `const c${l} = c[${l}];`).join('')}
 for (let i = 0, o = 0; i < n; i++, o += ${L}) { ${[...Array(L).keys()].map((l) => `c${l}[i] = (w[o + ${l}] << 28) >> 28;`).join(' ')} } }`;
const gen = new Function(src)();
function golden(cs: Int32Array[], y: Int32Array, n: number) {
  const [a0, a1, a2, a3, a4, a5, a6, a7, w0, w1, w2, w3, w4, w5, w6, w7] = cs;
  for (let k = 0; k < n; k++) y[k] = a0[k] * w0[k] + a1[k] * w1[k] + a2[k] * w2[k] + a3[k] * w3[k] + a4[k] * w4[k] + a5[k] * w5[k] + a6[k] * w6[k] + a7[k] * w7[k];
}
const y = new Int32Array(C);
for (const [name, fn] of [['perlane', () => allLanes(buf, cols, C)], ['gen', () => gen(buf, cols, C)], ['golden', () => golden(cols, y, C)]] as const) {
  for (let r = 0; r < 5; r++) fn();
  const t = performance.now(); for (let r = 0; r < 50; r++) fn(); console.log(name, ((performance.now() - t) * 1e6 / (50 * C)).toFixed(2), 'ns/vec');
}
