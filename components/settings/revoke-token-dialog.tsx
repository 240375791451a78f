'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { toast } from '@/components/ui/toast';
import { invalidateTokens } from '@/lib/api-client/invalidate';
import { deleteToken } from '@/lib/api-client/tokens';
import type { ApiTokenView } from '@/lib/api-client/types';

/** Revoking cannot be undone, so it asks first; the token row stays for the audit trail. */
export function RevokeTokenDialog({ token }: { token: ApiTokenView }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const mutation = useMutation({
    mutationFn: () => deleteToken(token.id),
    onSuccess: async () => {
      await invalidateTokens(queryClient);
      setOpen(false);
      toast({ variant: 'success', title: `Token “${token.name}” revoked` });
    },
    onError: (error) =>
      toast({ variant: 'destructive', title: 'Could not revoke the token', description: error.message }),
  });
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive">
          Revoke<span className="sr-only"> {token.name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent hideClose={mutation.isPending}>
        <DialogHeader>
          <DialogTitle>Revoke “{token.name}”?</DialogTitle>
          <DialogDescription>
            Scripts and agents using it get 401 from their next request. This cannot be undone.
          </DialogDescription>
        </DialogHeader>
        <DialogActions
          onCancel={() => setOpen(false)}
          pending={mutation.isPending}
          label="Revoke token"
          pendingLabel="Revoking…"
          onConfirm={() => mutation.mutate()}
          destructive
          lockCancel
        />
      </DialogContent>
    </Dialog>
  );
}
