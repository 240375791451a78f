<<<<<<< HEAD
import { BookOpen, ChevronRight, KeyRound, LineChart, Users, Webhook } from 'lucide-react';
=======
import {
  Building2,
  ChevronRight,
  KeyRound,
  LineChart,
  type LucideIcon,
  ScrollText,
  Users,
} from 'lucide-react';
>>>>>>> main
import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/shell/page-header';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Settings' };

type Entry = { href: string; icon: LucideIcon; title: string; text: string; adminOnly?: true };

const ENTRIES: Entry[] = [
  {
    href: '/settings/tenants',
    icon: Building2,
    title: 'Tenants',
    text: 'Hosting clients and their terms (per kWh, per device-month)',
    adminOnly: true,
  },
  {
    href: '/settings/users',
    icon: Users,
    title: 'Users',
    text: 'Invite staff and client users, roles, password resets',
    adminOnly: true,
  },
  {
    href: '/settings/tokens',
    icon: KeyRound,
    title: 'API tokens',
    text: 'Create and revoke bearer tokens for scripts and telemetry agents',
    adminOnly: true,
  },
  {
    href: '/settings/audit',
    icon: ScrollText,
    title: 'Audit log',
    text: 'Who did what, when and from where; CSV export',
    adminOnly: true,
  },
  {
    href: '/settings/market',
    icon: LineChart,
    title: 'Market data',
    text: 'Price providers per feature and site, credentials, GPU rental rates, price uploads',
  },
];

export default async function SettingsPage() {
  const actor = await requirePageActor();
  if (actor.tenantId !== null) {
    return (
      <>
        <PageHeader title="Settings" />
        <Alert variant="info" title="Your provider manages the settings">
          Ask your hosting provider for users, API tokens or a change of terms.
        </Alert>
      </>
    );
  }
  const entries = ENTRIES.filter((e) => !e.adminOnly || hasRole(actor, 'admin'));
  return (
    <>
      <PageHeader title="Settings" />
      <div className="grid max-w-3xl gap-3">
        {entries.map((entry) => (
          <Link
            key={entry.href}
            href={entry.href}
            className="rounded-lg focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            <Card className="flex items-center gap-3 px-4 py-3 transition-colors hover:bg-accent/40">
              <entry.icon aria-hidden className="size-5 text-muted-foreground" />
              <span className="flex flex-1 flex-col">
                <span className="font-medium">{entry.title}</span>
                <span className="text-muted-foreground text-xs">{entry.text}</span>
              </span>
<<<<<<< HEAD
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
=======
              <ChevronRight aria-hidden className="size-4 text-muted-foreground" />
            </Card>
          </Link>
        ))}
>>>>>>> main
      </div>
    </>
  );
}
