import type { Metadata } from 'next';
import { AlertsView } from '@/components/alerts/alerts-view';
import { PageHeader } from '@/components/shell/page-header';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Alerts' };

export default async function AlertsPage() {
  const actor = await requirePageActor();
  return (
    <>
      <PageHeader title="Alerts" />
      <AlertsView
        canOperate={hasRole(actor, 'operator')}
        isStaff={actor.tenantId === null}
        isAdmin={hasRole(actor, 'admin')}
      />
    </>
  );
}
