import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { Providers } from '@/components/shell/providers';
import { themeScript } from '@/components/shell/theme';
import './globals.css';

export const metadata: Metadata = {
  title: { template: '%s · Switchyard', default: 'Switchyard' },
  description: 'Self-hosted fleet manager for Bitcoin miners who also sell AI compute',
  applicationName: 'Switchyard',
};

export const viewport: Viewport = {
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f8f9fb' },
    { media: '(prefers-color-scheme: dark)', color: '#0f1218' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The per-request CSP nonce from proxy.ts: the only inline script of ours must carry it. Reading
  // it makes every page dynamic, which a nonce needs anyway (a cached page would reuse one).
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    // The theme script sets class/style on <html> before hydration, so React must not flag the difference.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script of ours, no user input. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-dvh bg-background font-sans text-foreground text-sm antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
