import { hashUnit, hi, lo } from './random';

/**
 * Fault episodes, drawn per (device, kind, time window) from the seed: a window of `windowMs`
 * holds at most one episode, entirely inside it. Whether any instant is inside an episode is a
 * pure function of (seed, device, time), so history and live samples agree.
 */
export type FaultKind = 'offline' | 'degraded' | 'overheat' | 'xid';

export type FaultClass = 'asic' | 'micro' | 'software' | 'gpu';

type FaultPlan = {
  code: number;
  windowMs: number;
  probability: number;
  minMs: number;
  maxMs: number;
  classes: readonly FaultClass[];
};

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/**
 * Expected share of time in each fault ≈ probability × mean duration / window (× the device's
 * reliability factor, mean 1): offline ≈ 2 %, a dead hashboard ≈ 1.75 % of ASIC time, overheating
 * ≈ 0.08 %, an XID episode ≈ 0.27 % of GPU time (about three per day across 48 nodes).
 */
export const FAULT_PLANS: Record<FaultKind, FaultPlan> = {
  offline: {
    code: 11,
    windowMs: 6 * HOUR,
    probability: 0.087,
    minMs: 15 * MIN,
    maxMs: 150 * MIN,
    classes: ['asic', 'micro', 'software', 'gpu'],
  },
  degraded: {
    code: 12,
    windowMs: 4 * DAY,
    probability: 0.04,
    minMs: 12 * HOUR,
    maxMs: 72 * HOUR,
    classes: ['asic'],
  },
  overheat: {
    code: 13,
    windowMs: DAY,
    probability: 0.02,
    minMs: 20 * MIN,
    maxMs: 90 * MIN,
    classes: ['asic', 'micro'],
  },
  xid: { code: 14, windowMs: DAY, probability: 0.06, minMs: 10 * MIN, maxMs: 120 * MIN, classes: ['gpu'] },
};

export type Episode = { kind: FaultKind; startTs: number; endTs: number; window: number };

/** 0.4–1.6 (mean 1): some units are simply flakier than others. */
export function reliabilityFactor(seed: number, deviceId: number): number {
  return 0.4 + 1.2 * hashUnit(seed, deviceId, 0x5e1f);
}

function phaseMs(seed: number, deviceId: number, plan: FaultPlan): number {
  return Math.floor(hashUnit(seed, deviceId, plan.code, 0x9a5e) * plan.windowMs);
}

export function episodeInWindow(
  seed: number,
  deviceId: number,
  kind: FaultKind,
  window: number,
): Episode | null {
  const plan = FAULT_PLANS[kind];
  const p = Math.min(1, plan.probability * reliabilityFactor(seed, deviceId));
  if (hashUnit(seed, deviceId, plan.code, lo(window), hi(window)) >= p) return null;
  const duration =
    plan.minMs +
    hashUnit(seed, deviceId, plan.code + 100, lo(window), hi(window)) * (plan.maxMs - plan.minMs);
  const offset =
    hashUnit(seed, deviceId, plan.code + 200, lo(window), hi(window)) * (plan.windowMs - duration);
  const startTs = Math.round(window * plan.windowMs + phaseMs(seed, deviceId, plan) + offset);
  return { kind, startTs, endTs: startTs + Math.round(duration), window };
}

function windowOf(seed: number, deviceId: number, plan: FaultPlan, ts: number): number {
  return Math.floor((ts - phaseMs(seed, deviceId, plan)) / plan.windowMs);
}

/** The episode of `kind` covering `ts` ([start, end)), or null. */
export function activeEpisode(seed: number, deviceId: number, kind: FaultKind, ts: number): Episode | null {
  const ep = episodeInWindow(seed, deviceId, kind, windowOf(seed, deviceId, FAULT_PLANS[kind], ts));
  return ep && ep.startTs <= ts && ts < ep.endTs ? ep : null;
}

/** Episodes of `kind` that overlap [fromTs, toTs]. */
export function episodesBetween(
  seed: number,
  deviceId: number,
  kind: FaultKind,
  fromTs: number,
  toTs: number,
): Episode[] {
  const plan = FAULT_PLANS[kind];
  const out: Episode[] = [];
  const last = windowOf(seed, deviceId, plan, toTs);
  for (let w = windowOf(seed, deviceId, plan, fromTs); w <= last; w++) {
    const ep = episodeInWindow(seed, deviceId, kind, w);
    if (ep && ep.endTs > fromTs && ep.startTs <= toTs) out.push(ep);
  }
  return out;
}

export type FaultState = { offline: boolean; degraded: boolean; overheat: boolean; xid: boolean };

/** Which faults apply to a device of `faultClass` at `ts`. */
export function faultStateAt(seed: number, deviceId: number, faultClass: FaultClass, ts: number): FaultState {
  return {
    offline: applies(seed, deviceId, faultClass, 'offline', ts),
    degraded: applies(seed, deviceId, faultClass, 'degraded', ts),
    overheat: applies(seed, deviceId, faultClass, 'overheat', ts),
    xid: applies(seed, deviceId, faultClass, 'xid', ts),
  };
}

function applies(
  seed: number,
  deviceId: number,
  faultClass: FaultClass,
  kind: FaultKind,
  ts: number,
): boolean {
  return FAULT_PLANS[kind].classes.includes(faultClass) && activeEpisode(seed, deviceId, kind, ts) !== null;
}
