// Chart time ranges, for the API (which resolves a preset against its clock), the URL state of pages
// and the browser's query keys: one list of presets and their lengths.

export const RANGE_PRESETS = ['1h', '24h', '7d', '30d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export type RangeOption = RangePreset | 'custom';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const RANGE_PRESET_MS: Record<RangePreset, number> = {
  '1h': HOUR_MS,
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
  '30d': 30 * DAY_MS,
};

export const DEFAULT_RANGE_PRESET: RangePreset = '24h';

/** Longest range any chart or export reads. */
export const MAX_RANGE_MS = 400 * DAY_MS;

export interface ResolvedTimeRange {
  from: number;
  to: number;
  /** What was actually applied: an unusable custom range falls back to the default preset. */
  option: RangeOption;
}
