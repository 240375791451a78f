'use client';

import Link from 'next/link';
import { ProjectionCard } from '@/components/money/projection-card';
import { PageHeader } from '@/components/shell/page-header';
import { TimeRangePicker, useTimeRange } from '@/components/shell/time-range-picker';
import { Button } from '@/components/ui/button';
import { toRangeParam } from '@/lib/api-client/range';
import { MarketCharts } from './market-charts';
import { MarketKpis } from './market-kpis';
import { GpuRatesTable, ProviderStatusTable, SitePricesTable } from './market-tables';

/** The Market page: figures now, their history, per-site prices, GPU rates and feed health. */
export function MarketOverview({ canConfigure }: { canConfigure: boolean }) {
  const { range } = useTimeRange();
  return (
    <>
      <PageHeader
        title="Market"
        description="Every figure shows its provider and age; a stale one keeps its last good value."
        actions={
          <>
            <TimeRangePicker presets={['24h', '7d', '30d']} />
            {canConfigure && (
              <Button asChild variant="outline" size="sm">
                <Link href="/settings/market">Market settings</Link>
              </Button>
            )}
          </>
        }
      />
      <div className="flex flex-col gap-4">
        <MarketKpis />
        <MarketCharts range={toRangeParam(range)} />
        <div className="grid gap-3 xl:grid-cols-2">
          <SitePricesTable />
          <GpuRatesTable />
        </div>
        <ProjectionCard />
        <ProviderStatusTable />
      </div>
    </>
  );
}
