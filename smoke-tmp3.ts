const C = 65536, S = 16, T = Number(process.argv[2] ?? 512);
const rnd = new Int32Array(200000); for (let i = 0; i < rnd.length; i++) rnd[i] = (i * 2654435761) | 0;
const out = new Uint32Array(C * S); const PAD = Number(process.argv[3] ?? 0); const big = new Int32Array(16 * (C + PAD)); const cols = Array.from({ length: 16 }, (_, k) => big.subarray(k * (C + PAD), k * (C + PAD) + C));
function lane(rnd: Int32Array, at: number, slot: number, per: number, w: number, mask: number, n: number, out: Uint32Array, o: number, stride: number, col: Int32Array, c: number) {
  const s = 32 - w;
  let word = (rnd[at] >>> (slot * w)) | 0;
  for (let i = 0; i < n; i++, o += stride) {
    const v = word & mask; out[o] = v; col[c + i] = (v << s) >> s;
    if (++slot === per) { slot = 0; word = rnd[++at]; } else word = (word >>> w) | 0;
  }
}
const lanes = Array.from({ length: 16 }, (_, k) => ({ w: k < 8 ? 4 : 8, per: k < 8 ? 8 : 4, base: k < 8 ? k * 8192 : 65536 + (k - 8) * 16384, word: k }));
function dist() {
  for (let d = 0; d < C; d += T) {
    for (const p of lanes) lane(rnd, p.base + Math.floor(d / p.per), d % p.per, p.per, p.w, (1 << p.w) - 1, T, out, d * S + p.word, S, cols[p.word], d);
  }
}
for (let r = 0; r < 20; r++) dist();
const t = performance.now(); for (let r = 0; r < 100; r++) dist(); console.log('T', T, ((performance.now() - t) * 1e6 / (100 * C)).toFixed(2), 'ns/vec');
