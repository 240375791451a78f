'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { invalidateWorkloads } from '@/lib/api-client/invalidate';
import type { JobStatus } from '@/lib/api-client/types';
import { transitionJob } from '@/lib/api-client/workloads';
import { allowedTransitions } from '@/lib/workloads/lifecycle';

const DESTRUCTIVE: readonly JobStatus[] = ['cancelled', 'failed'];
const LABELS: Partial<Record<JobStatus, string>> = {
  queued: 'Back to queue',
  running: 'Mark running',
  done: 'Mark done',
  failed: 'Mark failed',
  cancelled: 'Cancel job',
  preempted: 'Preempt',
};

/** One button per legal next status; a refused change (409, e.g. someone else moved it) is shown. */
export function JobTransitions({ jobId, status }: { jobId: number; status: JobStatus }) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (to: JobStatus) => transitionJob(jobId, to),
    onSettled: () => void invalidateWorkloads(queryClient),
  });
  const next = allowedTransitions(status);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2" data-testid="job-transitions">
        {next.length === 0 && (
          <span className="text-muted-foreground text-sm">Finished: no further changes.</span>
        )}
        {next.map((to) => (
          <Button
            key={to}
            size="sm"
            variant={DESTRUCTIVE.includes(to) ? 'outline' : 'secondary'}
            disabled={mutation.isPending}
            data-to={to}
            onClick={() => mutation.mutate(to)}
          >
            {LABELS[to] ?? to}
          </Button>
        ))}
      </div>
      {mutation.error && (
        <div data-testid="transition-error">
          <Alert variant="destructive" title="The job did not change">
            {mutation.error.message}
          </Alert>
        </div>
      )}
    </div>
  );
}
