import { getEnv } from '../env';

/**
 * A device that has missed this many sample intervals is offline (status.ts), and its latest values
 * stop counting in live totals, money and /metrics: one cutoff for both, so the totals and the
 * status agree on which devices are live.
 */
export const MISSED_INTERVALS_OFFLINE = 3;

/** Oldest sample time that still counts as live at `now`. Pure. */
export function freshAfterMs(now: number, intervalMs: number): number {
  return now - MISSED_INTERVALS_OFFLINE * intervalMs;
}

/** freshAfterMs at the configured telemetry interval. */
export function telemetryFreshAfterMs(now: number): number {
  return freshAfterMs(now, getEnv().TELEMETRY_INTERVAL_S * 1000);
}
