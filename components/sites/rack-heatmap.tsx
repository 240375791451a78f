'use client';

import { HeatGrid, type HeatGridScale } from '@/components/charts/heat-grid';
import type { DeviceStatus } from '@/components/ui/device-status';
import type { RackCell, RackHeatmap } from '@/lib/api-client/types';
import { formatNumber, formatPercent, formatTemperature } from '@/lib/format';
import type { HeatmapMode } from './heatmap-mode';
import { cellValue } from './rack-cells';

/** Tooltip lines under the headline value; the metric the grid is coloured by is already the headline. */
function CellDetail({ cell, mode }: { cell: RackCell; mode: HeatmapMode }) {
  return (
    <ul className="flex flex-col gap-0.5">
      <li>
        Row {cell.row} · slot {cell.column}
      </li>
      <li>
        {mode === 'temp'
          ? `Limit ${formatTemperature(cell.maxTempC)}`
          : `${formatTemperature(cell.tempC)} · limit ${formatTemperature(cell.maxTempC)}`}
      </li>
      {mode !== 'hashrate' && cell.hashratePct !== null && (
        <li>Hashrate {formatPercent(cell.hashratePct, 0)} of nominal</li>
      )}
      {mode !== 'hashrate' && cell.gpuUtilPct !== null && (
        <li>GPU utilisation {formatPercent(cell.gpuUtilPct, 0)}</li>
      )}
    </ul>
  );
}

export interface RackHeatmapsProps {
  racks: readonly RackHeatmap[];
  mode: HeatmapMode;
  scale: HeatGridScale;
}

/** Domain chart: every rack of a site as a heat grid; a slot opens its device. */
export function RackHeatmaps({ racks, mode, scale }: RackHeatmapsProps) {
  return (
    <div className="flex flex-wrap gap-x-6 gap-y-4">
      {racks.map((rack) => {
        const cellSize = rack.columns > 8 ? 20 : 26;
        return (
          <section
            key={rack.id}
            data-testid="rack"
            data-rack-name={rack.name}
            aria-label={`Rack ${rack.name}`}
            className="flex flex-col gap-1"
          >
            <h3 className="flex items-baseline justify-between gap-2 font-medium text-xs">
              {rack.name}
              <span className="font-normal text-muted-foreground">
                {formatNumber(rack.cells.length)}/{formatNumber(rack.rows * rack.columns)}
              </span>
            </h3>
            <HeatGrid
              label={`Rack ${rack.name}`}
              rows={rack.rows}
              columns={rack.columns}
              cellSize={cellSize}
              scale={scale}
              showLegend={false}
              cells={rack.cells.map((cell) => ({
                row: cell.row,
                column: cell.column,
                value: cellValue(cell, mode),
                label: cell.name,
                href: `/devices/${cell.deviceId}`,
                status: cell.status as DeviceStatus,
                detail: <CellDetail cell={cell} mode={mode} />,
              }))}
            />
          </section>
        );
      })}
    </div>
  );
}
