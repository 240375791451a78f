'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { ErrorState } from '@/components/ui/error-state';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { autoSettingsQuery, putAllocationAutoSettings } from '@/lib/api-client/allocation';
import { ApiError } from '@/lib/api-client/fetch';
import { invalidateAllocation } from '@/lib/api-client/invalidate';
import type { AllocationAutoSettings, AllocationAutoSettingsUpdate } from '@/lib/api-client/types';
import { formatHours, parseHours } from './quiet-hours';

/** Automatic mode of one site: re-plan every interval and apply within the guardrails. */
export function AutoModePanel({ siteId, canOperate }: { siteId: number; canOperate: boolean }) {
  const settings = useQuery(autoSettingsQuery());
  const current = settings.data?.find((s) => s.siteId === siteId);
  return (
    <Card data-testid="auto-mode">
      <CardHeader>
        <CardTitle>Automatic mode</CardTitle>
        <CardDescription>
          Re-plan every interval and apply within the guardrails; every run goes to the decision log.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {settings.isPending ? (
          <Skeleton className="h-28" />
        ) : settings.error instanceof ApiError && settings.error.status === 404 ? (
          <p className="text-muted-foreground text-sm">This server does not offer automatic mode yet.</p>
        ) : settings.error ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <AutoForm
            key={`${siteId}-${JSON.stringify(current ?? null)}`}
            siteId={siteId}
            current={current}
            canOperate={canOperate}
          />
        )}
      </CardContent>
    </Card>
  );
}

function AutoForm({
  siteId,
  current,
  canOperate,
}: {
  siteId: number;
  current: AllocationAutoSettings | undefined;
  canOperate: boolean;
}) {
  const queryClient = useQueryClient();
  const [enabled, setEnabled] = useState(current?.autoEnabled ?? false);
  const [intervalMin, setIntervalMin] = useState(String(current?.intervalMin ?? 15));
  const [maxSwitchPct, setMaxSwitchPct] = useState(String(current?.maxSwitchPct ?? 20));
  const [quiet, setQuiet] = useState(formatHours(current?.quietHours ?? []));
  const save = useMutation({
    mutationFn: (body: Omit<AllocationAutoSettingsUpdate, 'siteId'>) =>
      putAllocationAutoSettings({ siteId, ...body }),
    onSuccess: () => invalidateAllocation(queryClient),
  });
  const hours = parseHours(quiet);
  const interval = Number(intervalMin);
  const pct = Number(maxSwitchPct);
  const valid = hours !== null && Number.isInteger(interval) && interval >= 5 && pct >= 0 && pct <= 100;
  const disabled = !canOperate || save.isPending;
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid)
          save.mutate({ autoEnabled: enabled, intervalMin: interval, maxSwitchPct: pct, quietHours: hours });
      }}
    >
      <label htmlFor="auto-enabled" className="flex items-center gap-2 text-sm">
        <Checkbox
          id="auto-enabled"
          checked={enabled}
          disabled={disabled}
          onChange={(e) => setEnabled(e.target.checked)}
        />
        Apply plans automatically at this site
      </label>
      <div className="grid grid-cols-3 gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="auto-interval">Every (min)</Label>
          <Input
            id="auto-interval"
            inputMode="numeric"
            value={intervalMin}
            disabled={disabled}
            onChange={(e) => setIntervalMin(e.target.value)}
          />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="auto-switch">Max switched per interval (%)</Label>
          <Input
            id="auto-switch"
            inputMode="decimal"
            value={maxSwitchPct}
            disabled={disabled}
            onChange={(e) => setMaxSwitchPct(e.target.value)}
          />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="auto-quiet">Quiet hours (site time)</Label>
          <Input
            id="auto-quiet"
            placeholder="e.g. 7-9,17"
            value={quiet}
            disabled={disabled}
            aria-invalid={hours === null || undefined}
            onChange={(e) => setQuiet(e.target.value)}
          />
        </div>
      </div>
      {save.error && <p className="text-destructive text-xs">{save.error.message}</p>}
      {canOperate && (
        <div>
          <Button type="submit" size="sm" disabled={!valid || save.isPending}>
            Save
          </Button>
        </div>
      )}
    </form>
  );
}
