'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Undo2, Wrench } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import { patchDevice } from '@/lib/api-client/devices';
import { invalidateDevice } from '@/lib/api-client/invalidate';
import type { DeviceRow } from '@/lib/api-client/types';

/** Takes a device out of service or returns it (operators and admins; the API checks the role too). */
export function MaintenanceButton({ device }: { device: DeviceRow }) {
  const queryClient = useQueryClient();
  const inMaintenance = device.status === 'maintenance';
  const mutation = useMutation({
    mutationFn: () => patchDevice(device.id, { status: inMaintenance ? 'online' : 'maintenance' }),
    onSuccess: (updated) => {
      void invalidateDevice(queryClient, updated);
      toast({
        variant: 'success',
        title: inMaintenance ? `${device.name} returned to service` : `${device.name} is in maintenance`,
        description: inMaintenance
          ? 'Its status follows telemetry again.'
          : 'Alerts and allocation leave it alone.',
      });
    },
    onError: (error) =>
      toast({ variant: 'destructive', title: 'Could not change the status', description: error.message }),
  });
  return (
    <Button
      variant="outline"
      size="sm"
      data-testid="maintenance-toggle"
      disabled={mutation.isPending}
      onClick={() => mutation.mutate()}
    >
      {inMaintenance ? <Undo2 aria-hidden /> : <Wrench aria-hidden />}
      {inMaintenance ? 'Return to service' : 'Put in maintenance'}
    </Button>
  );
}
