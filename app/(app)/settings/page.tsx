import { BookOpen, ChevronRight, KeyRound, LineChart, Users, Webhook } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/shell/page-header';
import { Card, CardContent } from '@/components/ui/card';
import { requirePageActor } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requirePageActor();
  return (
    <>
      <PageHeader title="Settings" />
      <div className="grid max-w-3xl gap-3">
        <Link
          href="/settings/tokens"
          className="rounded-lg focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <Card className="flex items-center gap-3 px-4 py-3 transition-colors hover:bg-accent/40">
            <KeyRound aria-hidden className="size-5 text-muted-foreground" />
            <span className="flex flex-1 flex-col">
              <span className="font-medium">API tokens</span>
              <span className="text-muted-foreground text-xs">
                Create and revoke bearer tokens for scripts and telemetry agents
              </span>
            </span>
            <ChevronRight aria-hidden className="size-4 text-muted-foreground" />
          </Card>
        </Link>
        <Link
          href="/settings/market"
          className="rounded-lg focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <Card className="flex items-center gap-3 px-4 py-3 transition-colors hover:bg-accent/40">
            <LineChart aria-hidden className="size-5 text-muted-foreground" />
            <span className="flex flex-1 flex-col">
              <span className="font-medium">Market data</span>
              <span className="text-muted-foreground text-xs">
                Price providers per feature and site, credentials, GPU rental rates, price uploads
              </span>
            </span>
            <ChevronRight aria-hidden className="size-4 text-muted-foreground" />
          </Card>
        </Link>
        <Link
          href="/settings/webhooks"
          className="rounded-lg focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <Card className="flex items-center gap-3 px-4 py-3 transition-colors hover:bg-accent/40">
            <Webhook aria-hidden className="size-5 text-muted-foreground" />
            <span className="flex flex-1 flex-col">
              <span className="font-medium">Webhooks</span>
              <span className="text-muted-foreground text-xs">
                Signed event notifications to other systems, with a delivery log
              </span>
            </span>
            <ChevronRight aria-hidden className="size-4 text-muted-foreground" />
          </Card>
        </Link>
        <Link
          href="/settings/api"
          className="rounded-lg focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <Card className="flex items-center gap-3 px-4 py-3 transition-colors hover:bg-accent/40">
            <BookOpen aria-hidden className="size-5 text-muted-foreground" />
            <span className="flex flex-1 flex-col">
              <span className="font-medium">API reference</span>
              <span className="text-muted-foreground text-xs">
                Every endpoint with its parameters and request schema; the OpenAPI 3.1 document
              </span>
            </span>
            <ChevronRight aria-hidden className="size-4 text-muted-foreground" />
          </Card>
        </Link>
        <Card>
          <CardContent className="flex items-start gap-3 pt-3">
            <Users aria-hidden className="mt-0.5 size-5 text-muted-foreground" />
            <span className="flex flex-col gap-1">
              <span className="font-medium">Users and roles</span>
              <span className="text-muted-foreground text-xs">
                Managed from the command line for now:{' '}
                <code className="font-mono">
                  npm run cli -- users:create --email … --name … --role operator
                </code>
              </span>
            </span>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
