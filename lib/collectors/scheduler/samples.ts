import type { Reading } from '../protocols/result';

/** A collector reading as an ingest sample: the same field names, with absent values left out. */
export function readingToSample(deviceId: number, reading: Reading): Record<string, unknown> {
  const sample: Record<string, unknown> = { deviceId };
  for (const [key, value] of Object.entries(reading)) {
    if (value !== undefined && value !== null) sample[key] = value;
  }
  return sample;
}
