'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { postAllocationPlan, postAllocationPlanApply } from '@/lib/api-client/allocation';
import { invalidateAllocation } from '@/lib/api-client/invalidate';
import type { AllocationApplyResult, AllocationOverrides, AllocationPlan } from '@/lib/api-client/types';
import { formatNumber } from '@/lib/format';
import { changeSummary, deviceRows, type PlanDeviceRow } from './plan-rows';

export interface ApplyDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  siteId: number;
  siteName: string;
  /** The what-if, when one is active: the server re-plans with exactly these overrides. */
  overrides: AllocationOverrides | null;
}

const STATUS_VARIANT = {
  applied: 'success',
  unchanged: 'secondary',
  refused: 'warning',
  failed: 'destructive',
} as const;

/**
 * Apply for one site: the server makes a fresh plan for it (with the what-if, if any), the dialog
 * lists what that plan changes, and only a confirmation turns it into assignments.
 */
export function ApplyDialog({ open, onOpenChange, siteId, siteName, overrides }: ApplyDialogProps) {
  const queryClient = useQueryClient();
  const prepare = useMutation({
    mutationFn: () => postAllocationPlan({ siteIds: [siteId], ...(overrides ? { overrides } : {}) }),
  });
  const apply = useMutation({
    mutationFn: (plan: AllocationPlan) => postAllocationPlanApply(plan.id),
    onSuccess: () => invalidateAllocation(queryClient),
  });
  const { mutate: prepareNow, reset: resetPrepare } = prepare;
  const { reset: resetApply } = apply;
  useEffect(() => {
    if (open) prepareNow();
    else {
      resetPrepare();
      resetApply();
    }
  }, [open, prepareNow, resetPrepare, resetApply]);

  const plan = prepare.data;
  const rows = useMemo(
    () =>
      plan
        ? deviceRows(
            plan.devices.filter((d) => d.siteId === siteId),
            plan.inputs?.instance ?? null,
            new Map(),
            plan.inputs?.labels?.devices,
          )
        : [],
    [plan, siteId],
  );
  const changed = rows.filter((r) => r.changed);
  const busy = prepare.isPending || apply.isPending;

  return (
    <Dialog open={open} onOpenChange={(next) => !busy && onOpenChange(next)}>
      <DialogContent className="max-w-2xl" hideClose={busy} data-testid="apply-dialog">
        <DialogHeader>
          <DialogTitle>Apply the plan at {siteName}</DialogTitle>
          <DialogDescription>
            {overrides
              ? 'Planned on the server with your what-if inputs. '
              : 'Planned on the server just now. '}
            Each change becomes an assignment in the device's history.
          </DialogDescription>
        </DialogHeader>
        {prepare.isPending && (
          <div className="flex items-center gap-2 text-muted-foreground text-sm">
            <Spinner /> Planning…
          </div>
        )}
        {prepare.error && <ErrorState error={prepare.error} onRetry={() => prepare.mutate()} />}
        {plan && !apply.data && <ChangeList changed={changed} total={rows.length} />}
        {apply.error && <ErrorState error={apply.error} />}
        {apply.data && <ApplyStatus result={apply.data} rows={rows} />}
        <DialogFooter>
          {apply.data ? (
            <Button onClick={() => onOpenChange(false)}>Close</Button>
          ) : (
            <>
              <Button variant="outline" disabled={busy} onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button
                data-testid="apply-confirm"
                disabled={!plan || busy || changed.length === 0}
                onClick={() => plan && apply.mutate(plan)}
              >
                {apply.isPending && <Spinner />}
                Apply {formatNumber(changed.length)} change{changed.length === 1 ? '' : 's'}
              </Button>
            </>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function ChangeList({ changed, total }: { changed: PlanDeviceRow[]; total: number }) {
  if (changed.length === 0) {
    return (
      <Alert variant="success" title="Nothing to change">
        The plan keeps all {formatNumber(total)} devices as they are.
      </Alert>
    );
  }
  return (
    <div className="flex flex-col gap-3" data-testid="apply-changes">
      <p className="text-sm">
        <span className="font-semibold tabular-nums" data-testid="apply-change-count">
          {formatNumber(changed.length)}
        </span>{' '}
        of {formatNumber(total)} devices change:
      </p>
      <table className="text-sm">
        <thead className="text-left text-muted-foreground text-xs">
          <tr>
            <th className="py-1 font-medium">Now</th>
            <th className="py-1 font-medium">Becomes</th>
            <th className="py-1 text-right font-medium">Devices</th>
          </tr>
        </thead>
        <tbody>
          {changeSummary(changed).map((c) => (
            <tr key={`${c.from}-${c.to}`} className="border-t">
              <td className="py-1">{c.from}</td>
              <td className="py-1">{c.to}</td>
              <td className="py-1 text-right tabular-nums">{formatNumber(c.devices)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="max-h-48 overflow-y-auto border-t text-xs" aria-label="Devices that change">
        {changed.map((r) => (
          <li key={r.deviceId} className="flex gap-2 border-b py-1">
            <span className="w-40 shrink-0 truncate font-medium">{r.name}</span>
            <span className="text-muted-foreground">{r.reason}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ApplyStatus({ result, rows }: { result: AllocationApplyResult; rows: PlanDeviceRow[] }) {
  const names = new Map(rows.map((r) => [r.deviceId, r.name]));
  const statuses = result.devices;
  const failed = result.failed + result.refused;
  return (
    <div className="flex flex-col gap-2" data-testid="apply-result">
      <Alert
        variant={failed > 0 ? 'warning' : 'success'}
        title={failed > 0 ? 'Applied, with refusals' : 'Applied'}
      >
        {formatNumber(result.applied)} changed · {formatNumber(result.unchanged)} unchanged ·{' '}
        {formatNumber(result.refused)} refused · {formatNumber(result.failed)} failed
      </Alert>
      <ul className="max-h-56 overflow-y-auto text-xs" aria-label="Per-device status">
        {statuses
          .filter((d) => d.status !== 'unchanged')
          .map((d) => (
            <li key={d.deviceId} className="flex items-center gap-2 border-b py-1">
              <Badge variant={STATUS_VARIANT[d.status] ?? 'outline'}>{d.status}</Badge>
              <span className="font-medium">{d.name || names.get(d.deviceId) || `#${d.deviceId}`}</span>
              {d.reason && <span className="text-muted-foreground">{d.reason}</span>}
            </li>
          ))}
      </ul>
    </div>
  );
}
