'use client';

import { useQuery } from '@tanstack/react-query';
import { X } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Progress } from '@/components/ui/progress';
import { batchProgressQuery } from '@/lib/api-client/actions';
import { formatNumber } from '@/lib/format';
import { ACTION_LABELS, STATUS_LABELS } from './action-labels';

/** A bulk action's progress bar; polls until the last of its actions has ended. */
export function BatchProgress({ batchId, onDismiss }: { batchId: string; onDismiss: () => void }) {
  const progress = useQuery(batchProgressQuery(batchId));
  const p = progress.data;
  if (!p) return null;
  const ended = (['confirmed', 'refused', 'failed', 'timed_out'] as const)
    .filter((s) => p.counts[s] > 0)
    .map((s) => `${formatNumber(p.counts[s])} ${STATUS_LABELS[s].toLowerCase()}`)
    .join(' · ');
  return (
    <div className="flex items-center gap-3 rounded-md border p-3" data-testid="batch-progress">
      <div className="flex-1">
        <p className="mb-1 font-medium text-sm">
          {ACTION_LABELS[p.action]} · {formatNumber(p.done)} of {formatNumber(p.total)} ended
          {p.finished ? ' · finished' : ` · waves of ${p.batchSize} every ${p.intervalS} s`}
        </p>
        <Progress
          percent={p.total ? (100 * p.done) / p.total : 100}
          label={`${ACTION_LABELS[p.action]} progress`}
          detail={ended || 'waiting for the first results'}
        />
      </div>
      {p.finished && (
        <Button variant="ghost" size="sm" onClick={onDismiss} aria-label="Dismiss">
          <X aria-hidden />
        </Button>
      )}
    </div>
  );
}
