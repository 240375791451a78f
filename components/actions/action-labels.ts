import type { ActionName, ActionView } from '@/lib/api-client/actions';

export const ACTION_LABELS: Record<ActionName, string> = {
  reboot: 'Reboot',
  pause: 'Pause mining',
  resume: 'Resume mining',
  switchPool: 'Switch pool',
  setPowerTarget: 'Set power target',
};

export const ACTION_ORDER: ActionName[] = ['pause', 'resume', 'setPowerTarget', 'switchPool', 'reboot'];

export const STATUS_LABELS: Record<ActionView['status'], string> = {
  pending: 'Pending',
  confirmed: 'Confirmed',
  failed: 'Failed',
  timed_out: 'Timed out',
  refused: 'Refused',
};

export function statusVariant(status: ActionView['status']) {
  switch (status) {
    case 'confirmed':
      return 'success' as const;
    case 'pending':
      return 'secondary' as const;
    case 'refused':
      return 'warning' as const;
    default:
      return 'destructive' as const;
  }
}

/** What a pending action is waiting for, in words. */
export function pendingDetail(a: Pick<ActionView, 'phase' | 'dueAt'>): string {
  if (a.phase === 'queued') return `queued (staggered) until ${new Date(a.dueAt).toLocaleTimeString()}`;
  if (a.phase === 'sending') return 'sending';
  return 'sent, waiting for telemetry';
}
