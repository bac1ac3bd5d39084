// placeholder replaced below
export async function conformRtl(_file: string, _opts: { sim: 'verilator' | 'icarus' | 'both' }): Promise<{ text: string; failed: number }> {
  throw new Error('not yet');
}
