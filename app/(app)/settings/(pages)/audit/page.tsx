import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AuditView } from '@/components/audit/audit-view';
import { PageHeader } from '@/components/shell/page-header';
import { Alert } from '@/components/ui/alert';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Audit log' };

/** Staff admins only, like GET /api/v1/audit: the log spans every tenant (lib/audit/list.ts). */
export default async function AuditPage() {
  const actor = await requirePageActor();
  if (actor.tenantId !== null) notFound();
  if (!hasRole(actor, 'admin')) {
    return (
      <>
        <PageHeader title="Audit log" />
        <Alert variant="info" title="Administrators read the audit log">
          Ask an administrator if you need to know who changed something.
        </Alert>
      </>
    );
  }
  return <AuditView />;
}
