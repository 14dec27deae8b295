/**
 * A seeded random number generator (mulberry32): the same seed gives the same sequence, so a
 * bootstrap or a permutation test gives the same answer every time the notebook runs.
 * @example const random = randomSource(42); random() // a number in [0, 1)
 */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
