// How a chart's time range travels in query keys and URLs. Presets stay symbolic ("24h") so the key
// is stable while the window slides forward with every live refetch; custom ranges are fixed ms.
import { RANGE_PRESET_MS, type RangePreset, type ResolvedTimeRange } from '@/lib/time/range';
import type { QueryValue } from './fetch';

export type RangeParam = { range: RangePreset } | { from: number; to: number };

/** Live views refresh at most this far apart. */
export const LIVE_REFRESH_MS = 5_000;

export function toRangeParam(resolved: ResolvedTimeRange): RangeParam {
  return resolved.option === 'custom' ? { from: resolved.from, to: resolved.to } : { range: resolved.option };
}

/** Query-key segment: '24h' or 'custom:1714521600000-1714608000000'. */
export function rangeKey(param: RangeParam): string {
  return 'range' in param ? param.range : `custom:${param.from}-${param.to}`;
}

export function rangeQuery(param: RangeParam): Record<string, QueryValue> {
  return 'range' in param ? { range: param.range } : { from: param.from, to: param.to };
}

/**
 * Refetch interval for a chart: short windows are live views (every 5 s), long ones change slowly
 * (hourly buckets), and a custom window in the past never changes.
 */
export function chartRefreshMs(param: RangeParam): number | false {
  if (!('range' in param)) return false;
  return param.range === '1h' || param.range === '24h' ? LIVE_REFRESH_MS : 60_000;
}

/** Concrete bounds, as the API computes them for a preset (ending at `nowMs`); for server prefetching. */
export function rangeBounds(param: RangeParam, nowMs: number): { from: number; to: number } {
  return 'range' in param ? { from: nowMs - RANGE_PRESET_MS[param.range], to: nowMs } : param;
}
