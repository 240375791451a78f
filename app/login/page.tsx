import { TrainTrack } from 'lucide-react';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { safeNextPath } from '@/lib/api-client/next-path';
import { getPageActor } from '@/lib/auth/page';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  const next = safeNextPath((await searchParams).next);
  if (await getPageActor()) redirect(next);
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="flex w-full max-w-sm flex-col gap-6">
        <div className="flex flex-col items-center gap-2 text-center">
          <TrainTrack aria-hidden className="size-8 text-primary" />
          <h1 className="font-semibold text-xl tracking-tight">Sign in to Switchyard</h1>
          <p className="text-muted-foreground text-sm">Fleet manager for mining and AI compute</p>
        </div>
        <LoginForm next={next} />
      </div>
    </main>
  );
}
