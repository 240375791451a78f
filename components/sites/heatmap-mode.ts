import { parseAsStringLiteral } from 'nuqs/server';

export const HEATMAP_MODES = ['temp', 'hashrate', 'status'] as const;
export type HeatmapMode = (typeof HEATMAP_MODES)[number];

/** `?heat=temp|hashrate|status` on the site page. */
export const heatmapModeParser = parseAsStringLiteral(HEATMAP_MODES).withDefault('temp');
