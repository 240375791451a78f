'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { NuqsAdapter } from 'nuqs/adapters/next/app';
import { type ReactNode, useState } from 'react';
import { Toaster } from '@/components/ui/toast';
import { TooltipProvider } from '@/components/ui/tooltip';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Telemetry arrives every ~30 s: 10 s keeps navigation snappy without showing old numbers for long.
        staleTime: 10_000,
        retry: 1,
        // Operators keep the tab open for hours; live views opt into refetchInterval instead.
        refetchOnWindowFocus: false,
      },
      mutations: { retry: 0 },
    },
  });
}

/** Client-side context for the whole app: react-query, nuqs URL state, tooltips, toasts. */
export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab, created lazily so it survives re-renders but is never shared between requests.
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <NuqsAdapter>
        <TooltipProvider delayDuration={300} skipDelayDuration={100}>
          {children}
          <Toaster />
        </TooltipProvider>
      </NuqsAdapter>
    </QueryClientProvider>
  );
}
