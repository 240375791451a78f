/**
 * Counter-based randomness: every draw is a pure hash of (seed, stream, index), so the simulator can be
 * evaluated at any instant in any order and the same hour always gives the same value (backfill = live).
 */

function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Parts must be integers (fractions are truncated). */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    // Split into two 32-bit words so indices beyond 2^32 (or negative ones) still hash distinctly.
    const hi = Math.floor(part / 4_294_967_296);
    h = fmix32(h ^ fmix32(part >>> 0));
    h = fmix32(h ^ fmix32(hi + 0x632be5ab));
  }
  return h;
}

/** FNV-1a, to turn a name (series, GPU model) into a stream number. */
export function streamId(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Uniform in [0, 1). */
export function uniform(seed: number, stream: number, index: number): number {
  return hash32(seed, stream, index) / 4_294_967_296;
}

/** Standard normal via Box–Muller on two independent uniforms. */
export function gaussian(seed: number, stream: number, index: number): number {
  const u1 = (hash32(seed, stream, index, 1) + 1) / 4_294_967_297;
  const u2 = hash32(seed, stream, index, 2) / 4_294_967_296;
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
