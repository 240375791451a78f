'use client';

import { useRouter } from 'next/navigation';
import { TwoFactorCard } from '@/components/settings/two-factor-card';
import { Button } from '@/components/ui/button';
import { apiFetch } from '@/lib/api-client/fetch';

export function SetupTwoFactor() {
  const router = useRouter();
  const signOut = async () => {
    await apiFetch('/api/auth/logout', { method: 'POST' }).catch(() => null);
    router.replace('/login');
  };
  return (
    <>
      <TwoFactorCard
        onEnabled={() => {
          router.replace('/');
          router.refresh();
        }}
      />
      <div className="text-center">
        <Button variant="ghost" onClick={() => void signOut()}>
          Sign out
        </Button>
      </div>
    </>
  );
}
