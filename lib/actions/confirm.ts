// Confirmation by telemetry (pure): an action that was sent is confirmed when a sample taken after
// it was sent shows the change, and timed out when none has by its deadline. A sample from before
// the send never counts, so a stale "latest" cannot confirm a pause that has not happened yet.
import type { ActionName, ActionParams } from './types';

export type LatestSample = {
  ts: number;
  hashrateThs: number | null;
  powerW: number | null;
  poolUrl: string | null;
};

export type SentAction = {
  action: ActionName;
  params: ActionParams;
  sentAt: number;
  deadlineAt: number;
  /** The model's nameplate hashrate, to judge "near zero" and "hashing again". */
  nominalHashrateThs: number | null;
};

export type Verdict =
  | { status: 'confirmed'; reason: string }
  | { status: 'timed_out'; reason: string }
  | { status: 'waiting' };

/** Hashrate at or under this share of nameplate counts as stopped; at or over RESUMED as hashing. */
export const PAUSED_SHARE = 0.05;
export const RESUMED_SHARE = 0.3;
/** Power within this share of the target (or POWER_TOLERANCE_W, whichever is larger) confirms it. */
export const POWER_TOLERANCE = 0.15;
export const POWER_TOLERANCE_W = 3;

/** Pools are compared without scheme case, trailing slash or surrounding space. */
export function samePool(a: string, b: string): boolean {
  const norm = (u: string) => u.trim().toLowerCase().replace(/\/+$/, '');
  return norm(a) === norm(b);
}

/** What the sample says about the action: a reason when it shows the change, else undefined. */
export function showsChange(a: SentAction, s: LatestSample): string | undefined {
  const nominal = a.nominalHashrateThs && a.nominalHashrateThs > 0 ? a.nominalHashrateThs : null;
  switch (a.action) {
    case 'pause': {
      if (s.hashrateThs === null) return undefined;
      const limit = nominal ? nominal * PAUSED_SHARE : 0;
      return s.hashrateThs <= limit ? `hashrate ${round(s.hashrateThs)} TH/s after pause` : undefined;
    }
    case 'resume': {
      if (s.hashrateThs === null || s.hashrateThs <= 0) return undefined;
      if (nominal && s.hashrateThs < nominal * RESUMED_SHARE) return undefined;
      return `hashing again at ${round(s.hashrateThs)} TH/s`;
    }
    case 'reboot':
      // Telemetry carries no uptime: a device that reports again after the restart was sent is back.
      return `reporting again after restart`;
    case 'switchPool': {
      const want = a.params.poolUrl;
      if (!want || !s.poolUrl) return undefined;
      return samePool(s.poolUrl, want) ? `active pool is ${s.poolUrl}` : undefined;
    }
    case 'setPowerTarget': {
      const target = a.params.powerTargetW;
      if (!target || s.powerW === null) return undefined;
      const tolerance = Math.max(target * POWER_TOLERANCE, POWER_TOLERANCE_W);
      return Math.abs(s.powerW - target) <= tolerance
        ? `power ${Math.round(s.powerW)} W, target ${Math.round(target)} W`
        : undefined;
    }
  }
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Judges a sent action against the device's newest sample at `now`. */
export function judge(a: SentAction, latest: LatestSample | null, now: number): Verdict {
  if (latest && latest.ts > a.sentAt) {
    const reason = showsChange(a, latest);
    if (reason) return { status: 'confirmed', reason };
  }
  if (now >= a.deadlineAt) {
    const seen = latest && latest.ts > a.sentAt;
    return {
      status: 'timed_out',
      reason: seen
        ? `telemetry since the action does not show the change (${observed(a, latest!)})`
        : 'no telemetry from the device since the action was sent',
    };
  }
  return { status: 'waiting' };
}

function observed(a: SentAction, s: LatestSample): string {
  switch (a.action) {
    case 'pause':
    case 'resume':
      return `hashrate ${s.hashrateThs === null ? 'unknown' : `${round(s.hashrateThs)} TH/s`}`;
    case 'switchPool':
      return `pool ${s.poolUrl ?? 'unknown'}`;
    case 'setPowerTarget':
      return `power ${s.powerW === null ? 'unknown' : `${Math.round(s.powerW)} W`}`;
    case 'reboot':
      return 'no sample';
  }
}

/** How long a sent action may take to show in telemetry: a reboot takes a miner minutes. */
export function confirmDeadlineMs(action: ActionName, timeoutS: number): number {
  return (action === 'reboot' ? 2 : 1) * timeoutS * 1000;
}

/** Staggered bulk execution: wave `floor(i / batchSize)` starts `intervalS` after the one before. */
export function staggerDueAt(index: number, startAt: number, batchSize: number, intervalS: number): number {
  return startAt + Math.floor(index / Math.max(1, batchSize)) * intervalS * 1000;
}
