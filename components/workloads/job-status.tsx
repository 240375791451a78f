import { Badge, type BadgeProps } from '@/components/ui/badge';
import type { JobStatus } from '@/lib/api-client/types';

const VARIANTS: Record<JobStatus, BadgeProps['variant']> = {
  queued: 'secondary',
  scheduled: 'default',
  running: 'success',
  preempted: 'warning',
  done: 'outline',
  failed: 'destructive',
  cancelled: 'outline',
};

export function JobStatusBadge({ status, ...props }: { status: JobStatus } & Omit<BadgeProps, 'children'>) {
  return (
    <Badge variant={VARIANTS[status]} data-status={status} {...props}>
      {status}
    </Badge>
  );
}
