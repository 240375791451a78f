// Shared time-range search params (?range=24h or ?range=custom&from=…&to=…). Imported from 'nuqs/server'
// so the same parsers work in server pages (loadTimeRange) and in client components (useQueryStates).
import { createLoader, type inferParserType, parseAsIsoDateTime, parseAsStringLiteral } from 'nuqs/server';

export const TIME_RANGE_PRESETS = ['1h', '24h', '7d', '30d'] as const;
export type TimeRangePreset = (typeof TIME_RANGE_PRESETS)[number];
export const TIME_RANGE_OPTIONS = [...TIME_RANGE_PRESETS, 'custom'] as const;
export type TimeRangeOption = (typeof TIME_RANGE_OPTIONS)[number];

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export const PRESET_DURATION_MS: Record<TimeRangePreset, number> = {
  '1h': HOUR_MS,
  '24h': 24 * HOUR_MS,
  '7d': 7 * 24 * HOUR_MS,
  '30d': 30 * 24 * HOUR_MS,
};

export const PRESET_LABELS: Record<TimeRangeOption, string> = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  custom: 'Custom range',
};

export const DEFAULT_TIME_RANGE: TimeRangePreset = '24h';

export const timeRangeParsers = {
  range: parseAsStringLiteral(TIME_RANGE_OPTIONS).withDefault(DEFAULT_TIME_RANGE),
  from: parseAsIsoDateTime,
  to: parseAsIsoDateTime,
};

export type TimeRangeParams = inferParserType<typeof timeRangeParsers>;

/** Server pages: `const params = await loadTimeRange(searchParams)`. */
export const loadTimeRange = createLoader(timeRangeParsers);

export interface ResolvedTimeRange {
  from: number;
  to: number;
  /** What was actually applied: an unusable custom range falls back to the default preset. */
  option: TimeRangeOption;
}

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
  const maxSpanMs = options.maxSpanMs ?? 400 * 24 * HOUR_MS;
  if (params.range === 'custom') {
    const from = params.from?.getTime();
    const to = params.to?.getTime();
    if (from !== undefined && to !== undefined && Number.isFinite(from) && Number.isFinite(to) && from < to) {
      const clippedTo = Math.min(to, end);
      if (from < clippedTo)
        return { from: Math.max(from, clippedTo - maxSpanMs), to: clippedTo, option: 'custom' };
    }
    return { from: end - PRESET_DURATION_MS[DEFAULT_TIME_RANGE], to: end, option: DEFAULT_TIME_RANGE };
  }
  return { from: end - PRESET_DURATION_MS[params.range], to: end, option: params.range };
}
