export const MINUTE_MS = 60_000;
export const BUCKET_MS = { '1m': 60_000, '5m': 300_000, '1h': 3_600_000 } as const;
export type Tier = keyof typeof BUCKET_MS;

export function bucketStart(ts: number, tier: Tier): number {
  const size = BUCKET_MS[tier];
  return ts - (((ts % size) + size) % size);
}

/** Distinct bucket starts touched by a set of timestamps. */
export function touchedBuckets(timestamps: Iterable<number>, tier: Tier): number[] {
  const out = new Set<number>();
  for (const ts of timestamps) out.add(bucketStart(ts, tier));
  return [...out].sort((a, b) => a - b);
}
