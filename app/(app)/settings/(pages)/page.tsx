import {
  BookOpen,
  Building2,
  ChevronRight,
  KeyRound,
  LineChart,
  type LucideIcon,
  ScrollText,
  UserCog,
  Users,
  Webhook,
} from 'lucide-react';
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
    href: '/settings/account',
    icon: UserCog,
    title: 'Account',
    text: 'Your password and where you are signed in',
  },
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
  {
    href: '/settings/webhooks',
    icon: Webhook,
    title: 'Webhooks',
    text: 'Signed event notifications to other systems, with a delivery log',
    adminOnly: true,
  },
  {
    href: '/settings/api',
    icon: BookOpen,
    title: 'API reference',
    text: 'Every endpoint with its parameters and request schema; the OpenAPI 3.1 document',
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
              <ChevronRight aria-hidden className="size-4 text-muted-foreground" />
            </Card>
          </Link>
        ))}
      </div>
    </>
  );
}
