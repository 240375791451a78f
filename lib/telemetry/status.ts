import { freshAfterMs } from './freshness';
import type { ReportedStatus } from './metrics';

export type DeviceStatus = 'online' | 'degraded' | 'offline' | 'curtailed' | 'maintenance';

export type StatusInput = {
  current: DeviceStatus;
  class: 'asic' | 'micro' | 'gpu';
  /** Expected hashrate: the power-target profile's rate when one is set, else the nameplate. */
  expectedHashrateThs: number | null;
  maxTempC: number;
  lastTs: number | null;
  hashrateThs: number | null;
  temps: (number | null)[];
  reported: ReportedStatus | null;
};

export type StatusRules = { now: number; intervalMs: number; degradedBelowPct: number };

export const DEFAULT_DEGRADED_BELOW_PCT = 80;

/**
 * Status from data: offline after 3 expected intervals without a sample; degraded when a hashing
 * device runs below 80 % of its expected rate, a temperature is over the model's limit, or the
 * agent reports an error. Maintenance is the operator's call and is never overridden.
 */
export function deriveStatus(
  input: StatusInput,
  rules: StatusRules,
): { status: DeviceStatus; reason: string | null } {
  if (input.current === 'maintenance') return { status: 'maintenance', reason: null };
  if (input.lastTs === null) return { status: 'offline', reason: 'no telemetry yet' };
  if (input.lastTs < freshAfterMs(rules.now, rules.intervalMs)) {
    const silentMs = rules.now - input.lastTs;
    return { status: 'offline', reason: `no sample for ${Math.round(silentMs / 1000)} s` };
  }
  if (input.reported === 'curtailed' || input.reported === 'idle') {
    return input.reported === 'curtailed'
      ? { status: 'curtailed', reason: 'reported curtailed' }
      : { status: 'online', reason: 'idle' };
  }
  const hottest = Math.max(...input.temps.filter((t): t is number => t !== null), Number.NEGATIVE_INFINITY);
  if (hottest > input.maxTempC)
    return { status: 'degraded', reason: `overheating: ${hottest.toFixed(1)} °C > ${input.maxTempC} °C` };
  if (input.reported === 'error') return { status: 'degraded', reason: 'agent reported an error' };
  if (input.class !== 'gpu' && input.expectedHashrateThs && input.hashrateThs !== null) {
    const pct = (input.hashrateThs / input.expectedHashrateThs) * 100;
    if (pct < rules.degradedBelowPct) {
      return { status: 'degraded', reason: `hashrate ${pct.toFixed(0)} % of expected` };
    }
  }
  return { status: 'online', reason: null };
}

type Profile = { powerW: number; hashrateThs: number };

/** Expected hashrate at a power target, interpolated along the model's profile curve. */
export function expectedHashrate(
  nominalThs: number | null,
  profiles: Profile[] | null,
  powerTargetW: number | null,
): number | null {
  if (!powerTargetW || !profiles?.length) return nominalThs;
  const sorted = [...profiles].sort((a, b) => a.powerW - b.powerW);
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  if (powerTargetW <= first.powerW) return first.hashrateThs * (powerTargetW / first.powerW);
  if (powerTargetW >= last.powerW) return last.hashrateThs;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (powerTargetW <= b.powerW) {
      return (
        a.hashrateThs + ((powerTargetW - a.powerW) / (b.powerW - a.powerW)) * (b.hashrateThs - a.hashrateThs)
      );
    }
  }
  return last.hashrateThs;
}
