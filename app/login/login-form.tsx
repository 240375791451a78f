'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { ApiError, apiFetch } from '@/lib/api-client/fetch';

function messageFor(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) return 'Too many attempts. Wait a few minutes and try again.';
    return error.message;
  }
  return 'Could not reach the server. Check your connection and try again.';
}

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      await apiFetch('/api/auth/login', {
        method: 'POST',
        body: { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') },
      });
      router.replace(next);
      router.refresh();
    } catch (caught) {
      setError(messageFor(caught));
      setPending(false);
    }
  };

  return (
    <Card>
      <CardContent className="pt-5">
        <form onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Sign in">
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
          <Button type="submit" disabled={pending} className="mt-1 w-full">
            {pending && <Spinner label="" className="text-primary-foreground" />}
            {pending ? 'Signing in…' : 'Sign in'}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
