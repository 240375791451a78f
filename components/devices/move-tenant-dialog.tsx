'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ArrowRightLeft } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { TenantSelect, tenantIdOf } from '@/components/tenants/tenant-select';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { toast } from '@/components/ui/toast';
import { invalidateTenants } from '@/lib/api-client/invalidate';
import { postDeviceMove } from '@/lib/api-client/tenants';
import { formatNumber } from '@/lib/format';

/**
 * Bulk "Move to tenant" for the selected devices (staff admins): one audited move, its time kept
 * so a hosting bill splits the month there.
 */
export function MoveTenantDialog({ deviceIds, onMoved }: { deviceIds: number[]; onMoved: () => void }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const mutation = useMutation({
    mutationFn: postDeviceMove,
    onSuccess: async (result) => {
      await invalidateTenants(queryClient);
      setOpen(false);
      onMoved();
      toast({
        variant: 'success',
        title: `${formatNumber(result.moved)} moved`,
        description:
          result.unchanged > 0 ? `${formatNumber(result.unchanged)} were already there` : undefined,
      });
    },
  });
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) mutation.reset();
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate({ deviceIds, tenantId: tenantIdOf(new FormData(event.currentTarget).get('tenantId')) });
  };
  const count = formatNumber(deviceIds.length);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" disabled={deviceIds.length === 0} data-testid="move-tenant">
          <ArrowRightLeft aria-hidden />
          Move to tenant{deviceIds.length > 0 ? ` (${count})` : ''}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={onSubmit} className="grid gap-4" aria-label="Move to tenant">
          <DialogHeader>
            <DialogTitle>Move {count} devices to a tenant</DialogTitle>
            <DialogDescription>
              The tenant's users see them from now on; reports bill each tenant for the time it held them.
            </DialogDescription>
          </DialogHeader>
          {mutation.error && (
            <Alert variant="destructive" title="Could not move the devices">
              {mutation.error.message}
            </Alert>
          )}
          <FormField id="move-tenant-target" label="Tenant" required>
            <TenantSelect name="tenantId" defaultValue="" noneLabel="Own fleet (no tenant)" />
          </FormField>
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={mutation.isPending}>
              {mutation.isPending ? 'Moving…' : `Move ${count} devices`}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
