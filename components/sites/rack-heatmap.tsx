'use client';

import { HeatGrid, type HeatGridScale } from '@/components/charts/heat-grid';
import { Button } from '@/components/ui/button';
import type { DeviceStatus } from '@/components/ui/device-status';
import type { RackCell, RackHeatmap } from '@/lib/api-client/types';
import { formatNumber, formatPercent, formatTemperature } from '@/lib/format';
import type { HeatmapMode } from './heatmap-mode';
import { cellValue } from './rack-cells';
import { rackFullySelected } from './rack-selection';

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

/** Selecting instead of opening: a slot click toggles its device, a rack's header the whole rack. */
export type RackSelection = {
  selected: ReadonlySet<number>;
  onSlotClick: (rack: RackHeatmap, deviceId: number, shift: boolean) => void;
  onRackToggle: (rack: RackHeatmap) => void;
};

export interface RackHeatmapsProps {
  racks: readonly RackHeatmap[];
  mode: HeatmapMode;
  scale: HeatGridScale;
  selection?: RackSelection;
}

const slotsOf = (rack: RackHeatmap) =>
  rack.cells.map((c) => ({ deviceId: c.deviceId, row: c.row, column: c.column }));

/** Domain chart: every rack of a site as a heat grid; a slot opens its device (or, selecting, toggles it). */
export function RackHeatmaps({ racks, mode, scale, selection }: RackHeatmapsProps) {
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
              <span className="flex items-baseline gap-2 font-normal text-muted-foreground">
                {formatNumber(rack.cells.length)}/{formatNumber(rack.rows * rack.columns)}
                {selection && rack.cells.length > 0 && (
                  <Button
                    variant="ghost"
                    size="sm"
                    className="h-5 px-1 text-xs"
                    data-testid="select-rack"
                    onClick={() => selection.onRackToggle(rack)}
                  >
                    {rackFullySelected(selection.selected, slotsOf(rack)) ? 'Clear rack' : 'Select rack'}
                  </Button>
                )}
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
                status: cell.status as DeviceStatus,
                detail: <CellDetail cell={cell} mode={mode} />,
                ...(selection
                  ? { selected: selection.selected.has(cell.deviceId) }
                  : { href: `/devices/${cell.deviceId}` }),
              }))}
              onCellClick={
                selection
                  ? (c, event) => {
                      const hit = rack.cells.find((x) => x.row === c.row && x.column === c.column);
                      if (hit) selection.onSlotClick(rack, hit.deviceId, event.shiftKey);
                    }
                  : undefined
              }
            />
          </section>
        );
      })}
    </div>
  );
}
