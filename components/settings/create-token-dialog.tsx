'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Check, Copy, KeyRound, Plus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { TenantSelect, tenantIdOf } from '@/components/tenants/tenant-select';
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
import { ApiError } from '@/lib/api-client/fetch';
import { invalidateTokens } from '@/lib/api-client/invalidate';
import { postToken } from '@/lib/api-client/tokens';
import type { Role } from '@/lib/api-client/types';

const ROLE_OPTIONS = [
  { value: 'viewer', label: 'Viewer — read only' },
  { value: 'operator', label: 'Operator — ingest telemetry, run actions' },
  { value: 'admin', label: 'Admin — everything' },
];
const EXPIRY_OPTIONS = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: '', label: 'Never' },
];

function fieldError(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return undefined;
  const match = (error.details as { path?: unknown; message?: unknown }[]).find(
    (detail) => detail.path === path,
  );
  return typeof match?.message === 'string' ? match.message : undefined;
}

/** Creates a token and shows it exactly once, with a copy button; closing the dialog forgets it. */
export function CreateTokenDialog() {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const mutation = useMutation({
    mutationFn: postToken,
    onSuccess: (result) => {
      setCreated(result.token);
      void invalidateTokens(queryClient);
    },
  });

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setCreated(null);
      setCopied(false);
      mutation.reset();
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const days = String(form.get('expires') ?? '');
    mutation.mutate({
      name: String(form.get('name') ?? '').trim(),
      role: String(form.get('role')) as Role,
      tenantId: tenantIdOf(form.get('tenantId')),
      ...(days ? { expiresInDays: Number(days) } : {}),
    });
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created);
      setCopied(true);
    } catch {
      // Clipboard access can be denied (plain http, permissions): the field is selectable instead.
      setCopied(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button data-testid="create-token">
          <Plus aria-hidden />
          Create token
        </Button>
      </DialogTrigger>
      <DialogContent>
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>Copy your new token</DialogTitle>
              <DialogDescription>
                This is the only time it is shown. Store it in your agent or script configuration now.
              </DialogDescription>
            </DialogHeader>
            <div className="flex items-center gap-2">
              <Input
                readOnly
                aria-label="New API token"
                data-testid="new-token-value"
                value={created}
                onFocus={(event) => event.currentTarget.select()}
                className="font-mono text-xs"
              />
              <Button variant="outline" size="icon" onClick={() => void copy()} aria-label="Copy token">
                {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
              </Button>
            </div>
            <p className="text-muted-foreground text-xs">
              Send it as <code className="font-mono">Authorization: Bearer …</code>.
            </p>
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} className="grid gap-4" aria-label="Create API token">
            <DialogHeader>
              <DialogTitle className="flex items-center gap-2">
                <KeyRound aria-hidden className="size-4" />
                New API token
              </DialogTitle>
              <DialogDescription>
                For scripts and telemetry agents. It acts with the role you choose.
              </DialogDescription>
            </DialogHeader>
            {mutation.error && !fieldError(mutation.error, 'name') && (
              <Alert variant="destructive" title="Could not create the token">
                {mutation.error.message}
              </Alert>
            )}
            <FormField id="token-name" label="Name" required error={fieldError(mutation.error, 'name')}>
              <Input name="name" maxLength={100} placeholder="e.g. site-agent-permian" autoComplete="off" />
            </FormField>
            <FormField id="token-role" label="Role" required>
              <Select name="role" defaultValue="operator" options={ROLE_OPTIONS} />
            </FormField>
            <FormField
              id="token-tenant"
              label="Tenant"
              description="A hosting client's agent: the token reads and writes that tenant's devices only"
              error={fieldError(mutation.error, 'tenantId')}
            >
              <TenantSelect name="tenantId" defaultValue="" noneLabel="None — fleet-wide" />
            </FormField>
            <FormField id="token-expires" label="Expires after">
              <Select name="expires" defaultValue="365" options={EXPIRY_OPTIONS} />
            </FormField>
            <DialogActions
              onCancel={() => onOpenChange(false)}
              pending={mutation.isPending}
              label="Create token"
              pendingLabel="Creating…"
            />
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
