import { hash32, hashUnit, hi, lo } from './random';

/**
 * Smooth noise in [-1, 1]: hashed knots every `periodMs`, eased between them. A pure function of
 * its arguments, so any instant can be evaluated alone and neighbouring instants agree.
 */
export function smoothNoise(
  seed: number,
  key: number,
  channel: number,
  ts: number,
  periodMs: number,
): number {
  const x = ts / periodMs;
  const k = Math.floor(x);
  const f = x - k;
  const a = knot(seed, key, channel, k);
  const b = knot(seed, key, channel, k + 1);
  const t = f * f * (3 - 2 * f);
  return a + (b - a) * t;
}

function knot(seed: number, key: number, channel: number, k: number): number {
  return (hash32(seed, key, channel, lo(k), hi(k)) / 4_294_967_296) * 2 - 1;
}

/** Per-instant noise in [-1, 1], triangular (sum of two uniforms) so extremes are rare. */
export function whiteNoise(seed: number, key: number, channel: number, ts: number): number {
  return hashUnit(seed, key, channel, lo(ts), hi(ts)) + hashUnit(seed, key, channel + 1, lo(ts), hi(ts)) - 1;
}
