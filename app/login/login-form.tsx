'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { ApiError, apiFetch } from '@/lib/api-client/fetch';
import { postSecondFactor } from '@/lib/api-client/two-factor';

function messageFor(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) return 'Too many attempts. Wait a few minutes and try again.';
    return error.message;
  }
  return 'Could not reach the server. Check your connection and try again.';
}

/** Second step: a code from the app, or a recovery code. An expired challenge goes back to step one. */
function SecondStep({ onDone, onExpired }: { onDone: () => void; onExpired: (message: string) => void }) {
  const [recovery, setRecovery] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('code') ?? '').trim();
    setPending(true);
    setError(null);
    try {
      await postSecondFactor(recovery ? { recoveryCode: value } : { code: value });
      onDone();
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'two_factor_expired')
        return onExpired(caught.message);
      setError(messageFor(caught));
      setPending(false);
    }
  };
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Two-factor code">
      {error && (
        <Alert variant="destructive" title="Sign-in failed">
          <span data-testid="login-error">{error}</span>
        </Alert>
      )}
      <FormField
        id="code"
        label={recovery ? 'Recovery code' : 'Authentication code'}
        description={
          recovery ? 'One of the codes you saved; each works once' : 'The six digits your app shows'
        }
        required
      >
        <Input
          key={recovery ? 'recovery' : 'totp'}
          name="code"
          autoFocus
          autoComplete="one-time-code"
          inputMode={recovery ? 'text' : 'numeric'}
          disabled={pending}
        />
      </FormField>
      <Button type="submit" disabled={pending} className="w-full">
        {pending && <Spinner label="" className="text-primary-foreground" />}
        {pending ? 'Checking…' : 'Verify'}
      </Button>
      <Button type="button" variant="link" onClick={() => setRecovery(!recovery)} disabled={pending}>
        {recovery ? 'Use the code from your app' : 'Use a recovery code instead'}
      </Button>
    </form>
  );
}

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  // The button enables once React handles the submit (see the form below).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [pending, setPending] = useState(false);
  const [secondStep, setSecondStep] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const done = () => {
    router.replace(next);
    router.refresh();
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await apiFetch<{ twoFactorRequired?: boolean }>('/api/auth/login', {
        method: 'POST',
        body: { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') },
      });
      if (result.twoFactorRequired) {
        setSecondStep(true);
        setPending(false);
        return;
      }
      done();
    } catch (caught) {
      setError(messageFor(caught));
      setPending(false);
    }
  };

  return (
    <Card>
      <CardContent className="pt-5">
        {secondStep ? (
          <SecondStep
            onDone={done}
            onExpired={(message) => {
              setSecondStep(false);
              setError(message);
            }}
          />
        ) : (
          // POST, and no submit before hydration: a native submit would put the password in the URL.
          <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Sign in">
            {error && (
              <Alert variant="destructive" title="Sign-in failed">
                <span data-testid="login-error">{error}</span>
              </Alert>
            )}
            <FormField id="email" label="Email" required>
              <Input name="email" type="email" autoComplete="username" autoFocus disabled={pending} />
            </FormField>
            <FormField id="password" label="Password" required>
              <Input name="password" type="password" autoComplete="current-password" disabled={pending} />
            </FormField>
            <Button type="submit" disabled={pending || !hydrated} className="mt-1 w-full">
              {pending && <Spinner label="" className="text-primary-foreground" />}
              {pending ? 'Signing in…' : 'Sign in'}
            </Button>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
