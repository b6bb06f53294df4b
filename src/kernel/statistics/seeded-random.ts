/**
 * A small deterministic pseudo-random generator for reproducible Monte-Carlo estimates (run lengths of
 * surveillance charts): Tommy Ettinger's Mulberry32, a 32-bit state advanced by a Weyl sequence and mixed
 * by multiply–xorshift. Its period of 2³² draws is plenty for simulations of a few million draws; it is not
 * for cryptography. The same seed always gives the same stream, on every platform.
 */
export type RandomSource = () => number;

const WEYL_INCREMENT = 0x6d2b79f5;
const TWO_TO_THE_32 = 4294967296;

/** Uniform numbers in [0, 1) from a 32-bit integer seed. */
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + WEYL_INCREMENT) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / TWO_TO_THE_32;
  };
}
