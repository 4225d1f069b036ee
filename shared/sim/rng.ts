/**
 * The seeded generator every random choice in the simulation draws from (mulberry32).
 * Its whole state is one 32-bit number kept in the world, so a snapshot of the world
 * carries the future of its randomness too.
 */
export interface RngState {
  state: number;
}

/** A fresh generator state from a seed (any integer; hashed so that nearby seeds diverge). */
export function seedRng(seed: number): RngState {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return { state: (h ^ (h >>> 16)) >>> 0 };
}

/** A uniform float in [0, 1); advances the state. */
export function nextFloat(rng: RngState): number {
  rng.state = (rng.state + 0x6d2b79f5) >>> 0;
  let t = rng.state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A uniform integer in [0, n). */
export function nextInt(rng: RngState, n: number): number {
  return Math.floor(nextFloat(rng) * n);
}

/** One element of a non-empty array, chosen uniformly. */
export function pick<T>(rng: RngState, items: readonly T[]): T {
  return items[nextInt(rng, items.length)]!;
}

/** The alphabet Kubernetes uses for generated name suffixes (no vowels, no look-alikes). */
export const NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** A random suffix such as `x7k2p`, as `generateName` produces. */
export function randomSuffix(rng: RngState, length = 5): string {
  let s = "";
  for (let i = 0; i < length; i++) s += NAME_ALPHABET[nextInt(rng, NAME_ALPHABET.length)];
  return s;
}

/** A version-4-shaped UID drawn from the generator. */
export function randomUid(rng: RngState): string {
  const hex = (n: number) => {
    let s = "";
    for (let i = 0; i < n; i++) s += nextInt(rng, 16).toString(16);
    return s;
  };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + nextInt(rng, 4)).toString(16)}${hex(3)}-${hex(12)}`;
}
