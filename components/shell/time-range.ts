// Shared time-range search params (?range=24h or ?range=custom&from=…&to=…). Imported from 'nuqs/server'
// so the same parsers work in server pages (loadTimeRange) and in client components (useQueryStates).
import { createLoader, type inferParserType, parseAsIsoDateTime, parseAsStringLiteral } from 'nuqs/server';
import {
  DEFAULT_RANGE_PRESET,
  MAX_RANGE_MS,
  RANGE_PRESET_MS,
  RANGE_PRESETS,
  type RangeOption,
  type ResolvedTimeRange,
} from '@/lib/time/range';

const TIME_RANGE_OPTIONS = [...RANGE_PRESETS, 'custom'] as const;
const MINUTE_MS = 60_000;

export const PRESET_LABELS: Record<RangeOption, string> = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  custom: 'Custom range',
};

export const timeRangeParsers = {
  range: parseAsStringLiteral(TIME_RANGE_OPTIONS).withDefault(DEFAULT_RANGE_PRESET),
  from: parseAsIsoDateTime,
  to: parseAsIsoDateTime,
};

export type TimeRangeParams = inferParserType<typeof timeRangeParsers>;

/** Server pages: `const params = await loadTimeRange(searchParams)`. */
export const loadTimeRange = createLoader(timeRangeParsers);

export interface ResolveOptions {
  /** Longest custom range accepted; longer ones keep `to` and move `from` forward. */
  maxSpanMs?: number;
}

/**
 * URL params → concrete [from, to] in ms. Preset ends are rounded up to the whole minute so that query keys
 * (and server caches) stay the same for a minute instead of changing on every render.
 */
export function resolveTimeRange(
  params: TimeRangeParams,
  nowMs: number,
  options: ResolveOptions = {},
): ResolvedTimeRange {
  const end = Math.ceil(nowMs / MINUTE_MS) * MINUTE_MS;
  const maxSpanMs = options.maxSpanMs ?? MAX_RANGE_MS;
  if (params.range === 'custom') {
    const from = params.from?.getTime();
    const to = params.to?.getTime();
    if (from !== undefined && to !== undefined && Number.isFinite(from) && Number.isFinite(to) && from < to) {
      const clippedTo = Math.min(to, end);
      if (from < clippedTo)
        return { from: Math.max(from, clippedTo - maxSpanMs), to: clippedTo, option: 'custom' };
    }
    return { from: end - RANGE_PRESET_MS[DEFAULT_RANGE_PRESET], to: end, option: DEFAULT_RANGE_PRESET };
  }
  return { from: end - RANGE_PRESET_MS[params.range], to: end, option: params.range };
}
