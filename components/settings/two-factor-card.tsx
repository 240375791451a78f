'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ShieldCheck } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { ShownOnce } from '@/components/tenants/shown-once';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toast';
import { twoFactorKeys } from '@/lib/api-client/keys';
import {
  type EnrolmentStart,
  postConfirm,
  postDisable,
  postEnrol,
  postRecoveryCodes,
  twoFactorQuery,
} from '@/lib/api-client/two-factor';
import { formatDateTime } from '@/lib/format';

/** The ten codes, shown once: the server keeps only their hashes. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div className="flex flex-col gap-3">
      <Alert variant="warning" title="Save your recovery codes now">
        Each one signs you in once if you lose your phone. They are not shown again.
      </Alert>
      <ol
        data-testid="recovery-codes"
        className="grid max-w-md grid-cols-2 gap-x-6 gap-y-1 rounded-md border bg-muted/40 p-3 font-mono text-sm"
      >
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <ShownOnce label="All recovery codes" value={codes.join(' ')} testId="recovery-codes-text" />
      <div>
        <Button onClick={onDone}>I have saved them</Button>
      </div>
    </div>
  );
}

function Enrolment({
  start,
  onConfirmed,
}: {
  start: EnrolmentStart;
  onConfirmed: (codes: string[]) => void;
}) {
  const [code, setCode] = useState('');
  const confirm = useMutation({ mutationFn: postConfirm, onSuccess: (r) => onConfirmed(r.recoveryCodes) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate(code);
  };
  return (
    <div className="flex flex-col gap-4 md:flex-row md:items-start">
      {/* SVG rendered by this server (no third-party QR service sees the secret). */}
      {/* biome-ignore lint/performance/noImgElement: a data: URI of a local SVG, nothing to optimise */}
      <img
        src={`data:image/svg+xml;utf8,${encodeURIComponent(start.qrSvg)}`}
        alt="QR code to scan with your authenticator app"
        width={192}
        height={192}
        className="rounded-md border bg-white"
        data-testid="totp-qr"
      />
      <form onSubmit={submit} className="flex max-w-md flex-col gap-3" aria-label="Confirm two-factor">
        <p className="text-sm">
          Scan the code with an authenticator app, or type this key into it:{' '}
          <code data-testid="totp-secret" className="break-all rounded bg-muted px-1 font-mono text-xs">
            {start.secret}
          </code>
        </p>
        <ShownOnce label="Setup link (otpauth URI)" value={start.otpauthUri} testId="totp-uri" />
        <FormField
          id="totp-confirm-code"
          label="Code from the app"
          required
          error={confirm.error?.message ?? null}
        >
          <Input
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={8}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </FormField>
        <div>
          <Button type="submit" disabled={confirm.isPending || code.trim().length < 6}>
            {confirm.isPending ? 'Checking…' : 'Turn on two-factor'}
          </Button>
        </div>
      </form>
    </div>
  );
}

function EnabledControls({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: twoFactorKeys.all });
  const disable = useMutation({
    mutationFn: postDisable,
    onSuccess: async () => {
      setPassword('');
      await refresh();
      toast({ variant: 'success', title: 'Two-factor turned off' });
    },
    onError: (e) => setError(e.message),
  });
  const regenerate = useMutation({
    mutationFn: postRecoveryCodes,
    onSuccess: (r) => {
      setPassword('');
      onCodes(r.recoveryCodes);
    },
    onError: (e) => setError(e.message),
  });
  const run = (action: 'disable' | 'regenerate') => (event?: FormEvent) => {
    event?.preventDefault();
    setError(null);
    if (!password) return setError('Enter your password');
    (action === 'disable' ? disable : regenerate).mutate({ password });
  };
  return (
    <form onSubmit={run('disable')} className="flex max-w-sm flex-col gap-3" aria-label="Manage two-factor">
      <FormField
        id="two-factor-password"
        label="Password"
        description="Needed to turn two-factor off or to replace the recovery codes"
        error={error}
      >
        <Input
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </FormField>
      <div className="flex gap-2">
        <Button
          type="button"
          variant="outline"
          disabled={regenerate.isPending}
          onClick={() => run('regenerate')()}
        >
          New recovery codes
        </Button>
        <Button type="submit" variant="destructive" disabled={disable.isPending}>
          Turn off
        </Button>
      </div>
    </form>
  );
}

/** Settings → Account (and the enrolment page): TOTP two-factor on or off, recovery codes. */
export function TwoFactorCard({ onEnabled }: { onEnabled?: () => void }) {
  const queryClient = useQueryClient();
  const status = useQuery(twoFactorQuery());
  const [start, setStart] = useState<EnrolmentStart | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const enrol = useMutation({ mutationFn: postEnrol, onSuccess: setStart });
  const done = async () => {
    setCodes(null);
    setStart(null);
    await queryClient.invalidateQueries({ queryKey: twoFactorKeys.all });
    onEnabled?.();
  };
  const s = status.data;
  return (
    <Card data-testid="two-factor-card">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <ShieldCheck aria-hidden className="size-4" />
          Two-factor sign-in
          {s?.enabled && <Badge variant="success">On</Badge>}
          {s && !s.enabled && <Badge variant="secondary">Off</Badge>}
        </CardTitle>
        <CardDescription>
          A six-digit code from an authenticator app after your password.
          {s?.required && ' Your role must use it.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {status.error && (
          <Alert variant="destructive" title="Could not load">
            {status.error.message}
          </Alert>
        )}
        {codes ? (
          <RecoveryCodes codes={codes} onDone={() => void done()} />
        ) : s?.enabled ? (
          <>
            <p className="text-sm" data-testid="two-factor-state">
              On since {s.enabledAt ? formatDateTime(Date.parse(s.enabledAt), 'UTC') : '—'} ·{' '}
              {s.recoveryCodesRemaining} recovery code{s.recoveryCodesRemaining === 1 ? '' : 's'} left
            </p>
            <EnabledControls onCodes={setCodes} />
          </>
        ) : start ? (
          <Enrolment start={start} onConfirmed={setCodes} />
        ) : (
          s && (
            <div className="flex flex-col gap-2">
              {enrol.error && (
                <Alert variant="destructive" title="Could not start">
                  {enrol.error.message}
                </Alert>
              )}
              <div>
                <Button
                  data-testid="two-factor-setup"
                  disabled={enrol.isPending}
                  onClick={() => enrol.mutate()}
                >
                  Set up two-factor
                </Button>
              </div>
            </div>
          )
        )}
      </CardContent>
    </Card>
  );
}
