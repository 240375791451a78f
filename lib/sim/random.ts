/**
 * Deterministic randomness for the simulator (fleet and market). Everything random in lib/sim derives
 * from these functions so that a (seed, device, time) triple always yields the same value — the live
 * loop, a backfill and a test can each generate any instant independently and agree.
 */

const TWO_POW_32 = 4_294_967_296;

function mix(h: number, k: number): number {
  let x = Math.imul(k | 0, 0xcc9e2d51);
  x = (x << 15) | (x >>> 17);
  x = Math.imul(x, 0x1b873593);
  let y = h ^ x;
  y = (y << 13) | (y >>> 19);
  return (Math.imul(y, 5) + 0xe6546b64) | 0;
}

function finalize(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * Murmur3-style hash of up to five integers to an unsigned 32-bit value. Inputs are taken modulo
 * 2^32; split larger integers (epoch ms) with `hi`/`lo` first.
 */
export function hash32(a: number, b = 0, c = 0, d = 0, e = 0): number {
  let h = 0x9747b28c;
  h = mix(h, a);
  h = mix(h, b);
  h = mix(h, c);
  h = mix(h, d);
  h = mix(h, e);
  return finalize(h ^ 20);
}

/** Uniform in [0, 1) from the hash of up to five integers. */
export function hashUnit(a: number, b = 0, c = 0, d = 0, e = 0): number {
  return hash32(a, b, c, d, e) / TWO_POW_32;
}

/** Upper 32 bits of a non-negative integer such as epoch milliseconds. */
export function hi(value: number): number {
  return Math.floor(value / TWO_POW_32);
}

/** Lower 32 bits of a non-negative integer such as epoch milliseconds. */
export function lo(value: number): number {
  return value >>> 0;
}

/** Stable 32-bit hash of a string (FNV-1a), for keys such as site names. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export type Rng = () => number;

/** Small seeded PRNG (mulberry32) for sequential draws such as building the demo fleet. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  };
}

/** Integer in [min, max] inclusive. */
export function rngInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/**
 * Counter-based draws for the market simulator: draw `index` of a named stream is a pure hash of
 * (seed, stream, index), so any hour can be evaluated in any order. Indices may be negative or
 * beyond 2^32 (they are split into their 32-bit words).
 */
export function uniform(seed: number, stream: number, index: number): number {
  return hashUnit(seed, stream, lo(index), hi(index));
}

/** Standard normal via Box–Muller on two independent uniforms of the same draw. */
export function gaussian(seed: number, stream: number, index: number): number {
  const u1 = (hash32(seed, stream, lo(index), hi(index), 1) + 1) / (TWO_POW_32 + 1);
  const u2 = hash32(seed, stream, lo(index), hi(index), 2) / TWO_POW_32;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Ornstein–Uhlenbeck path z at integer step `index`: z(0) ~ N(0, startSd), z(i+1) = (1 − θ)·z(i) + σ·ε.
 * Negative steps run the same recursion backwards with their own shocks (a stationary OU is time-reversible).
 * Cost is |index| draws, so keep the anchor near the times that are asked for.
 */
export function ouAt(
  seed: number,
  stream: number,
  index: number,
  p: { theta: number; sigma: number; startSd: number },
): number {
  let z = p.startSd * gaussian(seed, stream, 0);
  const dir = index >= 0 ? 1 : -1;
  for (let i = dir; i !== index + dir; i += dir) z = (1 - p.theta) * z + p.sigma * gaussian(seed, stream, i);
  return z;
}
