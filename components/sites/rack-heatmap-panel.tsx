'use client';

import { useQuery } from '@tanstack/react-query';
import { LayoutGrid, MousePointerClick } from 'lucide-react';
import { parseAsString, useQueryState } from 'nuqs';
import { type ReactNode, useState } from 'react';
import { BatchProgress } from '@/components/actions/batch-progress';
import { BulkActions } from '@/components/actions/bulk-actions';
import { HeatLegend } from '@/components/charts/heat-legend';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import type { DeviceStatus } from '@/components/ui/device-status';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { Skeleton } from '@/components/ui/skeleton';
import { siteHeatmapQuery } from '@/lib/api-client/sites';
import { HEATMAP_MODES, type HeatmapMode, heatmapModeParser } from './heatmap-mode';
import { heatScale } from './rack-cells';
import { RackHeatmaps, type RackSelection } from './rack-heatmap';
import { clickSlot, toggleRack } from './rack-selection';

const MODE_LABELS: Record<HeatmapMode, string> = {
  temp: 'Temperature',
  hashrate: 'Hashrate',
  status: 'Status',
};

/**
 * Container: the site's racks, live, coloured by the mode in the URL (?heat=). An operator can
 * switch to selecting slots (click, shift-click a run, a whole rack) and run the devices table's
 * bulk actions on them; the batch's progress (?batch=) stays until its last action ends.
 */
export function RackHeatmapPanel({ siteId, canOperate = false }: { siteId: number; canOperate?: boolean }) {
  const heatmap = useQuery(siteHeatmapQuery(siteId));
  const [mode, setMode] = useQueryState('heat', heatmapModeParser);
  const [batch, setBatch] = useQueryState('batch', parseAsString);
  const [selecting, setSelecting] = useState(false);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [anchor, setAnchor] = useState<number | null>(null);
  const racks = heatmap.data;
  const scale = heatScale(racks ?? [], mode);
  const slotsOf = (rack: NonNullable<typeof racks>[number]) =>
    rack.cells.map((c) => ({ deviceId: c.deviceId, row: c.row, column: c.column }));
  const selection: RackSelection | undefined = selecting
    ? {
        selected,
        onSlotClick: (rack, deviceId, shift) => {
          const next = clickSlot(selected, slotsOf(rack), deviceId, anchor, shift);
          setSelected(next.selected);
          setAnchor(next.anchor);
        },
        onRackToggle: (rack) => setSelected(toggleRack(selected, slotsOf(rack))),
      }
    : undefined;
  const stopSelecting = () => {
    setSelecting(false);
    setSelected(new Set());
    setAnchor(null);
  };

  let body: ReactNode;
  if (heatmap.error && !racks)
    body = <ErrorState error={heatmap.error} onRetry={() => void heatmap.refetch()} />;
  else if (!racks) body = <Skeleton className="h-48 w-full" />;
  else if (racks.length === 0)
    body = (
      <EmptyState
        icon={LayoutGrid}
        title="No racks at this site"
        description="Add racks (POST /api/v1/sites/{id}/racks) and give devices a slot to see them here."
      />
    );
  else
    body = (
      <div className="flex flex-col gap-3">
        <HeatLegend
          scale={scale}
          statuses={racks.flatMap((rack) => rack.cells.map((cell) => cell.status as DeviceStatus))}
        />
        <RackHeatmaps racks={racks} mode={mode} scale={scale} selection={selection} />
      </div>
    );

  return (
    <Card data-testid="rack-heatmap">
      <CardHeader>
        <div>
          <CardTitle>Racks</CardTitle>
          <CardDescription>
            {selecting
              ? 'Click slots to select them · shift-click selects a run · a rack’s header selects it whole'
              : 'Latest reading per slot · hover or focus a slot for details, open it for the device'}
          </CardDescription>
        </div>
        {canOperate && racks && racks.length > 0 && (
          <div className="flex items-center gap-2">
            {selecting && (
              <>
                <span className="text-muted-foreground text-xs" data-testid="rack-selected-count">
                  {selected.size} selected
                </span>
                <BulkActions
                  selectedIds={[...selected]}
                  filter={null}
                  matching={0}
                  onStarted={(id) => {
                    stopSelecting();
                    void setBatch(id);
                  }}
                />
              </>
            )}
            <Button
              variant={selecting ? 'secondary' : 'outline'}
              size="sm"
              aria-pressed={selecting}
              data-testid="rack-select-mode"
              onClick={() => (selecting ? stopSelecting() : setSelecting(true))}
            >
              <MousePointerClick aria-hidden />
              {selecting ? 'Done selecting' : 'Select'}
            </Button>
          </div>
        )}
        <SegmentedControl
          label="Colour slots by"
          size="sm"
          value={mode}
          onValueChange={(value) => void setMode(value)}
          options={HEATMAP_MODES.map((value) => ({ value, label: MODE_LABELS[value] }))}
        />
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {batch && <BatchProgress batchId={batch} onDismiss={() => void setBatch(null)} />}
        {body}
      </CardContent>
    </Card>
  );
}
