'use client';

import { useQuery } from '@tanstack/react-query';
import { LayoutGrid } from 'lucide-react';
import { useQueryState } from 'nuqs';
import type { ReactNode } from 'react';
import { HeatLegend } from '@/components/charts/heat-legend';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import type { DeviceStatus } from '@/components/ui/device-status';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { Skeleton } from '@/components/ui/skeleton';
import { siteHeatmapQuery } from '@/lib/api-client/sites';
import { HEATMAP_MODES, type HeatmapMode, heatmapModeParser } from './heatmap-mode';
import { heatScale } from './rack-cells';
import { RackHeatmaps } from './rack-heatmap';

const MODE_LABELS: Record<HeatmapMode, string> = {
  temp: 'Temperature',
  hashrate: 'Hashrate',
  status: 'Status',
};

/** Container: the site's racks, live, coloured by the mode in the URL (?heat=). */
export function RackHeatmapPanel({ siteId }: { siteId: number }) {
  const heatmap = useQuery(siteHeatmapQuery(siteId));
  const [mode, setMode] = useQueryState('heat', heatmapModeParser);
  const racks = heatmap.data;
  const scale = heatScale(racks ?? [], mode);

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
        <RackHeatmaps racks={racks} mode={mode} scale={scale} />
      </div>
    );

  return (
    <Card data-testid="rack-heatmap">
      <CardHeader>
        <div>
          <CardTitle>Racks</CardTitle>
          <CardDescription>
            Latest reading per slot · hover or focus a slot for details, open it for the device
          </CardDescription>
        </div>
        <SegmentedControl
          label="Colour slots by"
          size="sm"
          value={mode}
          onValueChange={(value) => void setMode(value)}
          options={HEATMAP_MODES.map((value) => ({ value, label: MODE_LABELS[value] }))}
        />
      </CardHeader>
      <CardContent>{body}</CardContent>
    </Card>
  );
}
