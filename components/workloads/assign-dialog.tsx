'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { Progress } from '@/components/ui/progress';
import { invalidateWorkloads } from '@/lib/api-client/invalidate';
import type { Workload } from '@/lib/api-client/types';
import { postAssignment } from '@/lib/api-client/workloads';
import { formatNumber } from '@/lib/format';
import { type BoardDevice, planRequests, summariseChanges } from './board-logic';
import { type BulkOutcome, runBulkAssignment } from './bulk-assign';

export interface AssignDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  selected: readonly BoardDevice[];
  site: { id: number; devices: readonly BoardDevice[] };
  workload: Workload;
  label: string;
  /** Called once the run ends with no failure, so the board can clear its selection. */
  onDone: () => void;
}

/** Confirms what changes (counts per current → new workload), then sends it in chunks with progress. */
export function AssignDialog({
  open,
  onOpenChange,
  selected,
  site,
  workload,
  label,
  onDone,
}: AssignDialogProps) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<{ outcome: BulkOutcome; total: number } | null>(null);
  const [running, setRunning] = useState(false);
  const cancelled = useRef(false);
  const changes = summariseChanges(selected, label);

  const run = async () => {
    cancelled.current = false;
    setRunning(true);
    const requests = planRequests(selected, site, workload.kind);
    const total = selected.length;
    setProgress({ outcome: { assigned: 0, unchanged: 0, failures: [], done: 0 }, total });
    const names = new Map(selected.map((d) => [d.id, d.name]));
    const outcome = await runBulkAssignment(
      requests,
      (target) => postAssignment(target, workload),
      (o, t) => setProgress({ outcome: o, total: t }),
      names,
      () => cancelled.current,
    );
    setRunning(false);
    await invalidateWorkloads(queryClient);
    if (outcome.failures.length === 0 && outcome.done === total) onDone();
  };

  const close = (next: boolean) => {
    if (running) return;
    onOpenChange(next);
    if (!next) setProgress(null);
  };
  const o = progress?.outcome;

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent className="max-w-xl" hideClose={running} data-testid="assign-dialog">
        <DialogHeader>
          <DialogTitle>
            Assign {formatNumber(selected.length)} device{selected.length === 1 ? '' : 's'} to {label}
          </DialogTitle>
          <DialogDescription>Every change is recorded in the assignment history.</DialogDescription>
        </DialogHeader>
        <table className="text-sm" data-testid="assign-changes">
          <thead className="text-left text-muted-foreground text-xs">
            <tr>
              <th className="py-1 font-medium">Now</th>
              <th className="py-1 font-medium">Becomes</th>
              <th className="py-1 text-right font-medium">Devices</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.from} className="border-t">
                <td className="py-1">{c.from}</td>
                <td className="py-1">{c.to}</td>
                <td className="py-1 text-right tabular-nums">{formatNumber(c.devices)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {progress && (
          <Progress
            label="Assigning devices"
            percent={progress.total ? (o!.done / progress.total) * 100 : 100}
            detail={`${formatNumber(o!.done)} of ${formatNumber(progress.total)} sent · ${formatNumber(o!.assigned)} changed · ${formatNumber(o!.unchanged)} unchanged · ${formatNumber(o!.failures.length)} refused`}
          />
        )}
        {o && !running && o.failures.length === 0 && (
          <div data-testid="assign-success">
            <Alert variant="success" title="Done">
              {formatNumber(o.assigned)} changed, {formatNumber(o.unchanged)} already there.
            </Alert>
          </div>
        )}
        {o && o.failures.length > 0 && (
          <div className="flex flex-col gap-1" data-testid="assign-failures">
            <p className="font-medium text-destructive text-sm">
              {formatNumber(o.failures.length)} device(s) not changed
            </p>
            <ul className="max-h-48 overflow-y-auto text-sm">
              {o.failures.map((f) => (
                <li key={f.deviceId} className="border-t py-1">
                  <Link className="hover:underline" href={`/devices/${f.deviceId}`}>
                    {f.name ?? `Device #${f.deviceId}`}
                  </Link>
                  : <span className="text-muted-foreground">{f.reason}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        <DialogFooter>
          {running ? (
            <Button variant="outline" onClick={() => (cancelled.current = true)}>
              Stop after this chunk
            </Button>
          ) : progress ? (
            <Button onClick={() => close(false)}>Close</Button>
          ) : (
            <>
              <Button variant="outline" onClick={() => close(false)}>
                Cancel
              </Button>
              <Button data-testid="assign-confirm" onClick={() => void run()}>
                Assign {formatNumber(selected.length)}
              </Button>
            </>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
