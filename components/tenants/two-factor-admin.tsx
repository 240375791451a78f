'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { toast } from '@/components/ui/toast';
import { invalidateTenants } from '@/lib/api-client/invalidate';
import { twoFactorKeys } from '@/lib/api-client/keys';
import { deleteUserTwoFactor, putTwoFactorPolicy, twoFactorPolicyQuery } from '@/lib/api-client/two-factor';
import type { Role, UserView } from '@/lib/api-client/types';

const ROLES: Role[] = ['admin', 'operator', 'viewer'];

/** Settings → Users: which roles must use two-factor (applies to staff and hosting clients alike). */
export function TwoFactorPolicyCard() {
  const queryClient = useQueryClient();
  const policy = useQuery(twoFactorPolicyQuery());
  const save = useMutation({
    mutationFn: putTwoFactorPolicy,
    onSuccess: (data) => {
      queryClient.setQueryData(twoFactorKeys.policy, data);
      toast({ variant: 'success', title: 'Two-factor requirement saved' });
    },
    onError: (e) => toast({ variant: 'destructive', title: 'Could not save', description: e.message }),
  });
  const required = policy.data?.requiredRoles ?? [];
  const toggle = (role: Role, on: boolean) =>
    save.mutate({ requiredRoles: on ? [...required, role] : required.filter((r) => r !== role) });
  return (
    <Card data-testid="two-factor-policy">
      <CardHeader>
        <CardTitle>Two-factor requirement</CardTitle>
        <CardDescription>
          Users of these roles who have not set up two-factor are sent to set it up after signing in, and can
          do nothing else until they have.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex gap-6">
        {ROLES.map((role) => (
          <label
            key={role}
            htmlFor={`two-factor-role-${role}`}
            className="flex items-center gap-2 text-sm capitalize"
          >
            <Checkbox
              id={`two-factor-role-${role}`}
              checked={required.includes(role)}
              disabled={!policy.data || save.isPending}
              onChange={(e) => toggle(role, e.currentTarget.checked)}
            />
            {role}
          </label>
        ))}
      </CardContent>
    </Card>
  );
}

/** Turns off a user's two-factor when they lost the phone and the recovery codes. */
export function ResetTwoFactorDialog({ user }: { user: UserView }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const mutation = useMutation({
    mutationFn: () => deleteUserTwoFactor(user.id),
    onSuccess: async () => {
      await invalidateTenants(queryClient);
      setOpen(false);
      toast({ variant: 'success', title: `Two-factor of ${user.email} reset` });
    },
    onError: (e) => toast({ variant: 'destructive', title: 'Could not reset', description: e.message }),
  });
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          Reset 2FA<span className="sr-only"> of {user.email}</span>
        </Button>
      </DialogTrigger>
      <DialogContent hideClose={mutation.isPending}>
        <DialogHeader>
          <DialogTitle>Reset two-factor of {user.email}?</DialogTitle>
          <DialogDescription>
            Their authenticator app and recovery codes stop working and their sessions end. They sign in with
            the password alone (or set up two-factor again if their role requires it).
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button variant="destructive" onClick={() => mutation.mutate()} disabled={mutation.isPending}>
            {mutation.isPending ? 'Resetting…' : 'Reset two-factor'}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
