'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { KeyRound } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toast';
import {
  type DeviceCredentialsBody,
  deleteDeviceCredentials,
  putDeviceCredentials,
} from '@/lib/api-client/devices';
import { actionKeys, deviceKeys } from '@/lib/api-client/keys';
import type { DeviceRow } from '@/lib/api-client/types';

/**
 * The device's write-only credentials: what some firmware needs for remote actions (Whatsminer's
 * admin password for its encrypted API v2 writes, the Braiins OS login for power targets over
 * gRPC). Stored encrypted; the page only ever learns whether they exist.
 */
export function DeviceCredentials({ device }: { device: DeviceRow }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Required<DeviceCredentialsBody>>({
    username: '',
    password: '',
    apiKey: '',
  });
  const done = async (title: string) => {
    setForm({ username: '', password: '', apiKey: '' });
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: deviceKeys.detail(device.id) }),
      // Capabilities depend on stored credentials (Whatsminer writes, Braiins power targets).
      queryClient.invalidateQueries({ queryKey: actionKeys.device(device.id) }),
    ]);
    toast({ variant: 'success', title });
  };
  const save = useMutation({
    mutationFn: (body: DeviceCredentialsBody) => putDeviceCredentials(device.id, body),
    onSuccess: () => done('Credentials stored'),
    onError: (e) =>
      toast({ variant: 'destructive', title: 'Could not store credentials', description: e.message }),
  });
  const clear = useMutation({
    mutationFn: () => deleteDeviceCredentials(device.id),
    onSuccess: () => done('Credentials removed'),
    onError: (e) =>
      toast({ variant: 'destructive', title: 'Could not remove credentials', description: e.message }),
  });
  const body: DeviceCredentialsBody = Object.fromEntries(
    Object.entries(form).filter(([, v]) => v !== ''),
  ) as DeviceCredentialsBody;
  const empty = Object.keys(body).length === 0;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!empty) save.mutate(body);
  };
  const field = (key: keyof DeviceCredentialsBody) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })),
    autoComplete: 'off',
  });
  return (
    <Card data-testid="device-credentials">
      <CardContent className="flex flex-col gap-3 pt-4">
        <div className="flex items-center gap-2">
          <KeyRound aria-hidden className="size-4 text-muted-foreground" />
          <h2 className="font-medium text-sm">Device credentials</h2>
          <Badge variant={device.hasCredentials ? 'secondary' : 'outline'} data-testid="credentials-state">
            {device.hasCredentials ? 'stored' : 'none'}
          </Badge>
        </div>
        <p className="text-muted-foreground text-xs">
          Write-only and encrypted at rest. Whatsminer: the admin password (its API v2 writes are derived from
          it; enable API writes in WhatsMinerTool). Braiins OS: the miner login, for power targets over its
          gRPC API. Saving replaces what is stored.
        </p>
        <form
          onSubmit={onSubmit}
          className="grid grid-cols-[repeat(auto-fill,minmax(12rem,1fr))] items-end gap-3"
        >
          <FormField id={`cred-user-${device.id}`} label="Username">
            <Input {...field('username')} data-testid="credentials-username" />
          </FormField>
          <FormField id={`cred-pass-${device.id}`} label="Password">
            <Input type="password" {...field('password')} data-testid="credentials-password" />
          </FormField>
          <FormField id={`cred-key-${device.id}`} label="API key">
            <Input type="password" {...field('apiKey')} data-testid="credentials-api-key" />
          </FormField>
          <div className="flex gap-2">
            <Button type="submit" size="sm" disabled={empty || save.isPending} data-testid="credentials-save">
              Save
            </Button>
            {device.hasCredentials && (
              <Button
                type="button"
                size="sm"
                variant="outline"
                disabled={clear.isPending}
                onClick={() => clear.mutate()}
                data-testid="credentials-clear"
              >
                Remove
              </Button>
            )}
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
