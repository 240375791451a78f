import { Bell } from 'lucide-react';
import type { Metadata } from 'next';
import { ComingSoon } from '@/components/shell/coming-soon';
import { PageHeader } from '@/components/shell/page-header';
import { requirePageActor } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Alerts' };

export default async function AlertsPage() {
  await requirePageActor();
  return (
    <>
      <PageHeader title="Alerts" />
      <ComingSoon
        icon={Bell}
        title="Alerts"
        description="Rules on hashrate, temperature and offline devices that must hold for a set time before they fire, with acknowledgement and history."
      />
    </>
  );
}
