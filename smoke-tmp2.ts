const C = 65536, S = 16;
const rnd = new Int32Array(200000); for (let i = 0; i < rnd.length; i++) rnd[i] = (i * 2654435761) | 0;
const out = new Uint32Array(C * S); const col = new Int32Array(C);
function lane(rnd: Int32Array, at: number, slot: number, per: number, w: number, mask: number, n: number, out: Uint32Array, o: number, stride: number, col: Int32Array, c: number) {
  const s = 32 - w;
  let word = (rnd[at] >>> (slot * w)) | 0;
  for (let i = 0; i < n; i++, o += stride) {
    const v = word & mask; out[o] = v; col[c + i] = (v << s) >> s;
    if (++slot === per) { slot = 0; word = rnd[++at]; } else word = (word >>> w) | 0;
  }
}
function lane2(rnd: Int32Array, at: number, per: number, w: number, mask: number, n: number, out: Uint32Array, o: number, stride: number, col: Int32Array, c: number) {
  // unrolled by word: inner loop over per values
  const s = 32 - w;
  let i = 0;
  while (i < n) {
    let word = rnd[at++];
    const lim = Math.min(per, n - i);
    for (let k = 0; k < lim; k++, i++, o += stride) {
      const v = word & mask; out[o] = v; col[c + i] = (v << s) >> s; word >>>= w;
    }
  }
}
function lane3(rnd: Int32Array, at: number, n: number, out: Uint32Array, o: number, stride: number, col: Int32Array) {
  for (let i = 0; i < n; i++, o += stride) { const v = rnd[at + i] & 15; out[o] = v; col[i] = (v << 28) >> 28; }
}
for (const [nm, f] of [['lane', () => lane(rnd, 0, 0, 8, 4, 15, C, out, 0, S, col, 0)], ['lane2', () => lane2(rnd, 0, 8, 4, 15, C, out, 0, S, col, 0)], ['simple', () => lane3(rnd, 0, C, out, 0, S, col)]] as const) {
  for (let r = 0; r < 50; r++) f();
  const t = performance.now(); for (let r = 0; r < 500; r++) f(); console.log(nm, ((performance.now() - t) * 1e6 / (500 * C)).toFixed(2), 'ns/value');
}
const out2 = new Uint32Array(512 * S); const col2 = new Int32Array(512);
for (const [nm, f] of [['lane-incache', () => lane(rnd, 0, 0, 8, 4, 15, 512, out2, 0, S, col2, 0)], ['simple-incache', () => lane3(rnd, 0, 512, out2, 0, S, col2)]] as const) {
  for (let r = 0; r < 5000; r++) f();
  const t = performance.now(); for (let r = 0; r < 50000; r++) f(); console.log(nm, ((performance.now() - t) * 1e6 / (50000 * 512)).toFixed(2), 'ns/value');
}
