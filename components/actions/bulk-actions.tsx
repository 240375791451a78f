'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ChevronDown, Zap } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { toast } from '@/components/ui/toast';
import { type ActionName, type DeviceFilter, postBulkAction, postRefresh } from '@/lib/api-client/actions';
import { actionKeys } from '@/lib/api-client/keys';
import { formatNumber } from '@/lib/format';
import { ActionDialog } from './action-dialog';
import { ACTION_LABELS, ACTION_ORDER } from './action-labels';

export type BulkActionsProps = {
  selectedIds: number[];
  /** The list's filter, when one is active; "all matching" never runs without one. */
  filter: DeviceFilter | null;
  /** Devices the filter matches (the list's total), shown and sent as the confirmed count. */
  matching: number;
  onStarted: (batchId: string) => void;
};

type Target = { kind: 'selection' } | { kind: 'filter' };

/** Bulk actions of the devices table: on the selection, or on every device the filter matches. */
export function BulkActions({ selectedIds, filter, matching, onStarted }: BulkActionsProps) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<{ action: ActionName; target: Target } | null>(null);
  const count = open?.target.kind === 'filter' ? matching : selectedIds.length;
  const request = useMutation({
    mutationFn: postBulkAction,
    onSuccess: async (r) => {
      setOpen(null);
      onStarted(r.batchId);
      await queryClient.invalidateQueries({ queryKey: actionKeys.all });
    },
  });
  const refresh = useMutation({
    mutationFn: () => postRefresh(selectedIds),
    onSuccess: (r) =>
      toast({
        variant: 'success',
        title: `Polling ${formatNumber(r.scheduled)} devices now`,
        description: r.notPolled.length
          ? `${formatNumber(r.notPolled.length)} report on their own`
          : undefined,
      }),
    onError: (e) => toast({ variant: 'destructive', title: 'Could not refresh', description: e.message }),
  });
  const choose = (action: ActionName, target: Target) => {
    request.reset();
    setOpen({ action, target });
  };
  const disabled = selectedIds.length === 0 && !filter;
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" size="sm" disabled={disabled} data-testid="bulk-actions">
            <Zap aria-hidden />
            Actions{selectedIds.length > 0 ? ` (${formatNumber(selectedIds.length)})` : ''}
            <ChevronDown aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-72">
          {selectedIds.length > 0 && (
            <>
              <DropdownMenuLabel>{formatNumber(selectedIds.length)} selected</DropdownMenuLabel>
              {ACTION_ORDER.map((a) => (
                <DropdownMenuItem
                  key={a}
                  onSelect={() => choose(a, { kind: 'selection' })}
                  data-testid={`bulk-${a}`}
                >
                  {ACTION_LABELS[a]}
                </DropdownMenuItem>
              ))}
              <DropdownMenuItem onSelect={() => refresh.mutate()}>Refresh now</DropdownMenuItem>
            </>
          )}
          {filter && matching > 0 && (
            <>
              {selectedIds.length > 0 && <DropdownMenuSeparator />}
              <DropdownMenuLabel>All {formatNumber(matching)} matching the filter</DropdownMenuLabel>
              {ACTION_ORDER.map((a) => (
                <DropdownMenuItem
                  key={a}
                  onSelect={() => choose(a, { kind: 'filter' })}
                  data-testid={`filter-${a}`}
                >
                  {ACTION_LABELS[a]}
                </DropdownMenuItem>
              ))}
            </>
          )}
        </DropdownMenuContent>
      </DropdownMenu>
      <ActionDialog
        action={open?.action ?? null}
        subject={
          open?.target.kind === 'filter'
            ? `Every device matching the current filter (${formatNumber(matching)}), checked again when sent`
            : `${formatNumber(selectedIds.length)} selected devices`
        }
        count={count}
        error={request.error?.message}
        pending={request.isPending}
        onOpenChange={(next) => !next && setOpen(null)}
        onConfirm={(body) =>
          request.mutate({
            ...body,
            ...(open?.target.kind === 'filter' && filter ? { filter } : { deviceIds: selectedIds }),
            expectedCount: count,
          })
        }
      />
    </>
  );
}
