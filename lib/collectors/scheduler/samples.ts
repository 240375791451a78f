import type { Reading } from '../protocols/result';
import type { DeviceFacts } from './state';

/** A collector reading as an ingest sample: the same field names, with absent values left out. */
export function readingToSample(deviceId: number, reading: Reading): Record<string, unknown> {
  const sample: Record<string, unknown> = { deviceId };
  for (const [key, value] of Object.entries(reading)) {
    if (value !== undefined && value !== null) sample[key] = value;
  }
  return sample;
}

const finite = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Firmware and best share difficulties from a poll's details (AxeOS reports both; §2.2). */
export function deviceFacts(protocol: string, details: Record<string, unknown>): DeviceFacts {
  const version = typeof details.firmware === 'string' ? details.firmware.slice(0, 100) : undefined;
  const family =
    protocol === 'axeos' ? 'AxeOS' : typeof details.family === 'string' ? details.family : undefined;
  return {
    firmware: family && version ? `${family} ${version}` : (version ?? family),
    bestDiffSession: finite(details.bestSessionDiff),
    bestDiffAllTime: finite(details.bestDiff),
  };
}
