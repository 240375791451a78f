import type { HeatGridScale } from '@/components/charts/heat-grid';
import type { RackCell, RackHeatmap } from '@/lib/api-client/types';
import { formatPercent, formatTemperature } from '@/lib/format';
import type { HeatmapMode } from './heatmap-mode';

// Pure mapping from heatmap API cells to the value each mode colours by.

/**
 * The value a slot is coloured by, or null for "no current reading": an offline device's last
 * reading is old, and a curtailed or parked device is not expected to hash, so neither gets a colour
 * that would read as "hot" or "underperforming".
 */
export function cellValue(cell: RackCell, mode: HeatmapMode): number | null {
  if (mode === 'status') return null;
  if (cell.status === 'offline') return null;
  if (mode === 'temp') return cell.tempC;
  if (cell.status === 'curtailed' || cell.status === 'maintenance') return null;
  return cell.hashratePct ?? cell.gpuUtilPct;
}

const HASHRATE_DOMAIN = { min: 50, max: 110 };
// Below ~40 °C nothing needs attention; starting there spends the palette on the range that matters.
const TEMP_FLOOR_C = 40;

/** Colour scale for a mode; temperature runs from 40 °C to the hottest model limit among the racks. */
export function heatScale(racks: readonly RackHeatmap[], mode: HeatmapMode): HeatGridScale {
  if (mode === 'status') return { kind: 'status' };
  if (mode === 'hashrate') {
    return {
      kind: 'sequential',
      ...HASHRATE_DOMAIN,
      // Low output is the problem, so it gets the hot end of the palette.
      reverse: true,
      format: (value) => formatPercent(value, 0),
      title: 'Hashrate vs nominal (GPU: utilisation)',
    };
  }
  const limits = racks.flatMap((rack) => rack.cells.map((cell) => cell.maxTempC));
  const max = limits.length > 0 ? Math.max(...limits) : 90;
  return {
    kind: 'sequential',
    min: TEMP_FLOOR_C,
    max: Math.max(max, TEMP_FLOOR_C + 10),
    format: (value) => formatTemperature(value),
    title: 'Temperature',
  };
}
