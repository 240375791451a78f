'use client';

import { useQuery } from '@tanstack/react-query';
import { CheckCheck, RefreshCw, Split } from 'lucide-react';
import { useQueryStates } from 'nuqs';
import { useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Select } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { useNow } from '@/components/ui/use-now';
import { type DeviceImpact, deviceImpacts } from '@/lib/allocation/device-impact';
import { draftPlanQuery, latestPlanQuery } from '@/lib/api-client/allocation';
import { sitesListQuery } from '@/lib/api-client/sites';
import { formatAge } from '@/lib/format';
import { allocationSearchParams } from './allocation-search-params';
import { ApplyDialog } from './apply-dialog';
import { AutoModePanel } from './auto-mode-panel';
import { DecisionLog } from './decision-log';
import { deviceRows } from './plan-rows';
import { PlanSummary } from './plan-summary';
import { PlanTable } from './plan-table';
import { ScheduleChart } from './schedule-chart';
import { useWhatIf } from './use-what-if';
import { toOverrides } from './what-if';
import { WhatIfPanel } from './what-if-panel';

/** The Allocation page: per site the recommended schedule, why, what-ifs and apply. */
export function AllocationView({ canOperate }: { canOperate: boolean }) {
  const [state, setState] = useQueryStates(allocationSearchParams);
  // A dry run takes an operator; read-only users see the newest stored plan (and can still what-if it).
  const fresh = useQuery({ ...draftPlanQuery(), enabled: canOperate });
  const latest = useQuery({ ...latestPlanQuery(), enabled: !canOperate });
  const draft = canOperate ? fresh : latest;
  const sites = useQuery(sitesListQuery());
  const plan = draft.data ?? undefined;
  const { whatIf, setWhatIf, active, replan, error: replanError } = useWhatIf(plan?.inputs);
  const [applyOpen, setApplyOpen] = useState(false);
  const now = useNow();

  const shown = replan?.view ?? plan;
  const input = replan?.input ?? plan?.inputs?.instance ?? null;
  const siteNames = useMemo(() => new Map(Object.entries(plan?.inputs?.labels?.sites ?? {})), [plan]);
  const site = shown?.sites.find((s) => s.siteId === state.site) ?? shown?.sites[0];
  const zone = sites.data?.find((s) => s.id === site?.siteId)?.timezone;

  const rows = useMemo(() => {
    if (!shown || !site) return [];
    const decisions = shown.devices.filter((d) => d.siteId === site.siteId);
    const impacts = input ? deviceImpacts(input, decisions) : new Map<string, DeviceImpact>();
    return deviceRows(decisions, input, impacts, plan?.inputs?.labels?.devices);
  }, [shown, site, input, plan]);

  if (draft.isPending) return <AllocationSkeleton />;
  if (draft.error && !plan) return <ErrorState error={draft.error} onRetry={() => void draft.refetch()} />;
  if (!plan || !shown || !site) {
    return (
      <EmptyState
        icon={Split}
        title={canOperate ? 'No site to plan' : 'No plan yet'}
        description={
          canOperate
            ? 'Add a site with devices (and an energy contract or spot prices) to get a recommended schedule.'
            : 'An operator makes the first plan; it appears here.'
        }
      />
    );
  }
  const name = (id: number) => siteNames.get(String(id)) ?? `Site ${id}`;
  const changes = rows.filter((r) => r.changed).length;

  return (
    <div
      className="flex flex-col gap-4"
      data-testid="allocation-view"
      aria-busy={draft.isFetching || undefined}
    >
      <div className="flex flex-wrap items-center gap-3">
        <Select
          aria-label="Site"
          data-testid="allocation-site"
          value={site.siteId}
          onChange={(e) => void setState({ site: Number(e.target.value) })}
          options={plan.sites.map((s) => ({ value: String(s.siteId), label: name(s.siteId) }))}
        />
        <span className="text-muted-foreground text-xs" suppressHydrationWarning>
          Planned {formatAge(Date.parse(plan.createdAt), now)}
          {plan.inputs?.basis?.simulated ? ' · simulated market' : ''}
          {plan.inputs?.basis?.stale ? ' · market data stale' : ''}
        </span>
        <Button
          variant="ghost"
          size="sm"
          hidden={!canOperate}
          onClick={() => void draft.refetch()}
          disabled={draft.isFetching}
          aria-label="Plan again"
        >
          <RefreshCw aria-hidden className={draft.isFetching ? 'size-3.5 animate-spin' : 'size-3.5'} />
          Plan again
        </Button>
        {active && (
          <Badge variant="warning" data-testid="what-if-active">
            what-if
          </Badge>
        )}
        {canOperate && (
          <Button className="ml-auto" data-testid="allocation-apply" onClick={() => setApplyOpen(true)}>
            <CheckCheck aria-hidden className="size-4" />
            Apply at {name(site.siteId)}…
          </Button>
        )}
      </div>
      <PlanSummary plan={shown} site={site} replanMs={replan?.ms ?? null} replanWhere={replan?.where} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Recommended schedule · {name(site.siteId)}</CardTitle>
            <CardDescription>
              kW at the meter by use (capacity {Math.round(site.capacityKw).toLocaleString('en-US')} kW) over
              the hourly price.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ScheduleChart site={site} intervalMin={shown.intervalMin} timeZone={zone} />
          </CardContent>
        </Card>
        <WhatIfPanel
          inputs={plan.inputs}
          value={whatIf}
          onChange={setWhatIf}
          replanMs={replan?.ms ?? null}
          replanRoundTripMs={replan?.roundTripMs ?? null}
          replanWhere={replan?.where}
          replanError={replanError}
          siteNames={siteNames}
        />
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Plan preview</CardTitle>
          <CardDescription>
            The decision for the next interval per device, why, and what it is worth against what runs now (
            {changes} change{changes === 1 ? '' : 's'}).
          </CardDescription>
        </CardHeader>
        <CardContent>
          <PlanTable rows={rows} />
        </CardContent>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <AutoModePanel siteId={site.siteId} canOperate={canOperate} />
        <DecisionLog siteId={site.siteId} />
      </div>
      {canOperate && (
        <ApplyDialog
          open={applyOpen}
          onOpenChange={setApplyOpen}
          siteId={site.siteId}
          siteName={name(site.siteId)}
          overrides={active ? toOverrides(whatIf, plan.inputs.instance) : null}
        />
      )}
    </div>
  );
}

function AllocationSkeleton() {
  return (
    <div className="flex flex-col gap-4" aria-busy>
      <Skeleton className="h-8 w-72" />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-20" />
        ))}
      </div>
      <Skeleton className="h-80" />
      <Skeleton className="h-96" />
    </div>
  );
}
