'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { KeyRound, Pencil, Plus, UserPlus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { toast } from '@/components/ui/toast';
import { fieldErrors } from '@/components/workloads/api-errors';
import { invalidateTenants } from '@/lib/api-client/invalidate';
import { deleteUser, patchUser, postUser, type UserPatch } from '@/lib/api-client/tenants';
import type { Role, UserView } from '@/lib/api-client/types';
import { generatePassword, ShownOnce } from './shown-once';
import { TenantSelect, tenantIdOf } from './tenant-select';

export const ROLE_OPTIONS = [
  { value: 'viewer', label: 'Viewer — read only' },
  { value: 'operator', label: 'Operator — change devices and workloads' },
  { value: 'admin', label: 'Admin — everything (inside its tenant, for a client)' },
];

/** Creates a user; without a password the server generates one, shown here once. */
export function CreateUserDialog() {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: postUser,
    onSuccess: (user) => {
      void invalidateTenants(queryClient);
      if (user.password) setPassword(user.password);
      else {
        setOpen(false);
        toast({ variant: 'success', title: `User ${user.email} created` });
      }
    },
  });
  const errors = fieldErrors(mutation.error);
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setPassword(null);
      mutation.reset();
    }
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const chosen = String(form.get('password') ?? '');
    mutation.mutate({
      email: String(form.get('email') ?? '').trim(),
      name: String(form.get('name') ?? '').trim(),
      role: String(form.get('role')) as Role,
      tenantId: tenantIdOf(form.get('tenantId')),
      ...(chosen ? { password: chosen } : {}),
    });
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button data-testid="create-user">
          <Plus aria-hidden />
          New user
        </Button>
      </DialogTrigger>
      <DialogContent>
        {password ? (
          <>
            <DialogHeader>
              <DialogTitle>Copy the new user's password</DialogTitle>
              <DialogDescription>
                This is the only time it is shown. Hand it over by a safe channel; it is stored only as a
                hash.
              </DialogDescription>
            </DialogHeader>
            <ShownOnce label="Generated password" value={password} testId="generated-password" />
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} className="grid gap-4" aria-label="New user">
            <DialogHeader>
              <DialogTitle className="flex items-center gap-2">
                <UserPlus aria-hidden className="size-4" />
                New user
              </DialogTitle>
              <DialogDescription>
                With a tenant, the user is that hosting client's: the role applies inside its tenant only.
              </DialogDescription>
            </DialogHeader>
            {mutation.error && errors.size === 0 && (
              <Alert variant="destructive" title="Could not create the user">
                {mutation.error.message}
              </Alert>
            )}
            <FormField id="user-email" label="Email" required error={errors.get('email')}>
              <Input name="email" type="email" maxLength={200} autoComplete="off" />
            </FormField>
            <FormField id="user-name" label="Name" required error={errors.get('name')}>
              <Input name="name" maxLength={100} autoComplete="off" />
            </FormField>
            <FormField id="user-role" label="Role" required>
              <Select name="role" defaultValue="viewer" options={ROLE_OPTIONS} />
            </FormField>
            <FormField id="user-tenant" label="Tenant" error={errors.get('tenantId')}>
              <TenantSelect name="tenantId" defaultValue="" noneLabel="None — provider staff" />
            </FormField>
            <FormField
              id="user-password"
              label="Password"
              description="Leave empty to generate one (shown once)"
              error={errors.get('password')}
            >
              <Input name="password" type="password" autoComplete="new-password" />
            </FormField>
            <DialogActions
              onCancel={() => onOpenChange(false)}
              pending={mutation.isPending}
              label="Create user"
              pendingLabel="Creating…"
            />
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

function useUserMutation(user: UserView, done: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: UserPatch) => patchUser(user.id, patch),
    onSuccess: async () => {
      await invalidateTenants(queryClient);
      done();
    },
  });
}

/** Name, role, tenant and whether the account may sign in. A role or tenant change ends its sessions. */
export function EditUserDialog({ user }: { user: UserView }) {
  const [open, setOpen] = useState(false);
  const mutation = useUserMutation(user, () => {
    setOpen(false);
    toast({ variant: 'success', title: `User ${user.email} saved` });
  });
  const errors = fieldErrors(mutation.error);
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) mutation.reset();
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    mutation.mutate({
      name: String(form.get('name') ?? '').trim(),
      role: String(form.get('role')) as Role,
      tenantId: tenantIdOf(form.get('tenantId')),
      disabled: form.get('disabled') === 'on',
    });
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          <Pencil aria-hidden />
          Edit<span className="sr-only"> {user.email}</span>
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={onSubmit} className="grid gap-4" aria-label="Edit user">
          <DialogHeader>
            <DialogTitle>Edit {user.email}</DialogTitle>
            <DialogDescription>
              Changing the role, tenant or access signs the user out everywhere.
            </DialogDescription>
          </DialogHeader>
          {mutation.error && errors.size === 0 && (
            <Alert variant="destructive" title="Could not save the user">
              {mutation.error.message}
            </Alert>
          )}
          <FormField id={`user-${user.id}-name`} label="Name" required error={errors.get('name')}>
            <Input name="name" maxLength={100} defaultValue={user.name} autoComplete="off" />
          </FormField>
          <FormField id={`user-${user.id}-role`} label="Role" required>
            <Select name="role" defaultValue={user.role} options={ROLE_OPTIONS} />
          </FormField>
          <FormField id={`user-${user.id}-tenant`} label="Tenant" error={errors.get('tenantId')}>
            <TenantSelect
              name="tenantId"
              defaultValue={user.tenantId === null ? '' : String(user.tenantId)}
              noneLabel="None — provider staff"
            />
          </FormField>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="disabled" defaultChecked={user.disabled} className="size-4" />
            Disabled (cannot sign in)
          </label>
          <DialogActions
            onCancel={() => onOpenChange(false)}
            pending={mutation.isPending}
            label="Save"
            pendingLabel="Saving…"
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Admin password reset: a generated password, shown once; the user's sessions end. */
export function ResetPasswordDialog({ user }: { user: UserView }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState<string | null>(null);
  const mutation = useUserMutation(user, () => undefined);
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setPassword(null);
      mutation.reset();
    }
  };
  const reset = () => {
    const next = generatePassword();
    mutation.mutate({ password: next }, { onSuccess: () => setPassword(next) });
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          <KeyRound aria-hidden />
          Reset password<span className="sr-only"> of {user.email}</span>
        </Button>
      </DialogTrigger>
      <DialogContent hideClose={mutation.isPending}>
        <DialogHeader>
          <DialogTitle>Reset the password of {user.email}?</DialogTitle>
          <DialogDescription>
            {password
              ? 'This is the only time the new password is shown.'
              : 'A new password is generated and the user is signed out everywhere.'}
          </DialogDescription>
        </DialogHeader>
        {mutation.error && (
          <Alert variant="destructive" title="Could not reset the password">
            {mutation.error.message}
          </Alert>
        )}
        {password && <ShownOnce label="New password" value={password} testId="reset-password" />}
        {password ? (
          <DialogFooter>
            <Button onClick={() => onOpenChange(false)}>Done</Button>
          </DialogFooter>
        ) : (
          <DialogActions
            onCancel={() => onOpenChange(false)}
            pending={mutation.isPending}
            label="Reset password"
            pendingLabel="Resetting…"
            onConfirm={reset}
            destructive
            lockCancel
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

export function DeleteUserDialog({ user }: { user: UserView }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const mutation = useMutation({
    mutationFn: () => deleteUser(user.id),
    onSuccess: async () => {
      await invalidateTenants(queryClient);
      setOpen(false);
      toast({ variant: 'success', title: `User ${user.email} deleted` });
    },
    onError: (error) =>
      toast({ variant: 'destructive', title: 'Could not delete the user', description: error.message }),
  });
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive">
          Delete<span className="sr-only"> {user.email}</span>
        </Button>
      </DialogTrigger>
      <DialogContent hideClose={mutation.isPending}>
        <DialogHeader>
          <DialogTitle>Delete {user.email}?</DialogTitle>
          <DialogDescription>
            The account and its sessions are removed; the audit log keeps what it did. To keep the account,
            disable it instead.
          </DialogDescription>
        </DialogHeader>
        <DialogActions
          onCancel={() => setOpen(false)}
          pending={mutation.isPending}
          label="Delete user"
          pendingLabel="Deleting…"
          onConfirm={() => mutation.mutate()}
          destructive
          lockCancel
        />
      </DialogContent>
    </Dialog>
  );
}
