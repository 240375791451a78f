import { type Episode, episodesBetween, FAULT_PLANS, type FaultClass } from './faults';
import { hashUnit } from './random';

/**
 * Cumulative counters (shares, hardware errors) restart whenever a miner would restart its own:
 * after an offline episode, when its mode or power target changes, and at a daily counter reset.
 * Between restarts they are integrals of piecewise-constant rates, so they only ever grow.
 */
const DAY_MS = 86_400_000;
const CH_RESET = 0xc0;

export type EpochState = { degraded: boolean; overheat: boolean };

/** Start of the counter epoch that contains `ts` (the device must be online at `ts`). */
export function counterEpochStart(
  seed: number,
  deviceId: number,
  faultClass: FaultClass,
  ts: number,
  configSinceTs?: number,
): number {
  const phase = Math.floor(hashUnit(seed, deviceId, CH_RESET) * DAY_MS);
  let start = Math.floor((ts - phase) / DAY_MS) * DAY_MS + phase;
  if (configSinceTs !== undefined && configSinceTs <= ts) start = Math.max(start, configSinceTs);
  if (FAULT_PLANS.offline.classes.includes(faultClass)) {
    for (const ep of episodesBetween(seed, deviceId, 'offline', start, ts)) {
      if (ep.endTs <= ts) start = Math.max(start, ep.endTs);
    }
  }
  return start;
}

const INTEGRATED_KINDS = ['degraded', 'overheat'] as const;

/**
 * ∫ factors(state(τ)) dτ over [fromTs, toTs] in ms, one integral per returned factor, with the
 * state taken from the degraded/overheat episodes in that range.
 */
export function integrateOverFaults(
  seed: number,
  deviceId: number,
  faultClass: FaultClass,
  fromTs: number,
  toTs: number,
  factors: (state: EpochState) => readonly number[],
): number[] {
  const episodes: Episode[] = [];
  if (toTs > fromTs) {
    for (const kind of INTEGRATED_KINDS) {
      if (FAULT_PLANS[kind].classes.includes(faultClass)) {
        episodes.push(...episodesBetween(seed, deviceId, kind, fromTs, toTs));
      }
    }
  }
  const span = Math.max(0, toTs - fromTs);
  if (episodes.length === 0) return factors({ degraded: false, overheat: false }).map((f) => f * span);
  const cuts = new Set<number>([fromTs, toTs]);
  for (const ep of episodes) {
    if (ep.startTs > fromTs && ep.startTs < toTs) cuts.add(ep.startTs);
    if (ep.endTs > fromTs && ep.endTs < toTs) cuts.add(ep.endTs);
  }
  const points = [...cuts].sort((a, b) => a - b);
  let totals: number[] | undefined;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const mid = (a + b) / 2;
    const inside = (kind: Episode['kind']) =>
      episodes.some((e) => e.kind === kind && e.startTs <= mid && mid < e.endTs);
    const values = factors({ degraded: inside('degraded'), overheat: inside('overheat') });
    totals ??= values.map(() => 0);
    for (let j = 0; j < values.length; j++) totals[j]! += values[j]! * (b - a);
  }
  return totals ?? [];
}
