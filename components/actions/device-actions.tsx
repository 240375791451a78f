'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ChevronDown, RefreshCw, Zap } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
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
import { type ActionName, deviceActionsQuery, postDeviceAction, postRefresh } from '@/lib/api-client/actions';
import { actionKeys, deviceKeys } from '@/lib/api-client/keys';
import type { DeviceRow } from '@/lib/api-client/types';
import { ActionDialog } from './action-dialog';
import { ACTION_LABELS, ACTION_ORDER } from './action-labels';

/** The device page's "Actions" menu: what the device offers (capabilities), refresh now. */
export function DeviceActionsMenu({ device }: { device: DeviceRow }) {
  const queryClient = useQueryClient();
  const actions = useQuery(deviceActionsQuery(device.id));
  const [open, setOpen] = useState<ActionName | null>(null);
  const caps = actions.data?.capabilities;
  const request = useMutation({
    mutationFn: (body: Parameters<typeof postDeviceAction>[1]) => postDeviceAction(device.id, body),
    onSuccess: async (result, body) => {
      setOpen(null);
      await queryClient.invalidateQueries({ queryKey: actionKeys.device(device.id) });
      toast({
        variant: 'success',
        title: `${ACTION_LABELS[body.action]} requested`,
        description: result.simulated
          ? 'Simulated device: the built-in simulator obeys it; confirmation follows from its telemetry.'
          : 'Sent to the device; confirmed when its telemetry shows the change.',
      });
    },
  });
  const refresh = useMutation({
    mutationFn: () => postRefresh([device.id]),
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: deviceKeys.detail(device.id) });
      toast({
        variant: 'success',
        title: r.scheduled ? 'Polling now' : 'Not polled',
        description: r.scheduled ? undefined : 'This device reports on its own (push or simulated).',
      });
    },
    onError: (e) => toast({ variant: 'destructive', title: 'Could not refresh', description: e.message }),
  });
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" size="sm" data-testid="device-actions">
            <Zap aria-hidden />
            Actions
            <ChevronDown aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-72">
          <DropdownMenuLabel className="flex items-center gap-2">
            Remote actions
            {caps?.simulated && <Badge variant="secondary">simulated</Badge>}
            {caps?.pushOnly && (
              <Badge variant="outline" data-testid="actions-push-only">
                push-only
              </Badge>
            )}
            {caps?.identified && <Badge variant="outline">{caps.identified}</Badge>}
          </DropdownMenuLabel>
          {!caps && <DropdownMenuItem disabled>Checking what the device offers…</DropdownMenuItem>}
          {caps &&
            ACTION_ORDER.map((name) => {
              const cap = caps.actions[name];
              return (
                <DropdownMenuItem
                  key={name}
                  disabled={!cap.supported}
                  onSelect={() => {
                    request.reset();
                    setOpen(name);
                  }}
                  data-testid={`action-${name}`}
                  className="flex flex-col items-start gap-0.5"
                >
                  <span>{ACTION_LABELS[name]}</span>
                  {!cap.supported && <span className="text-muted-foreground text-xs">{cap.message}</span>}
                </DropdownMenuItem>
              );
            })}
          {caps?.probeError && (
            <p className="px-2 py-1 text-muted-foreground text-xs">
              Device did not answer: {caps.probeError}
            </p>
          )}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => refresh.mutate()} data-testid="refresh-now">
            <RefreshCw aria-hidden />
            Refresh now
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <ActionDialog
        action={open}
        subject={device.name}
        count={1}
        simulated={caps?.simulated}
        error={request.error?.message}
        pending={request.isPending}
        onOpenChange={(next) => !next && setOpen(null)}
        onConfirm={({ batchSize: _b, intervalS: _i, ...body }) => request.mutate(body)}
      />
    </>
  );
}
