import type { Metadata } from 'next';
import { ReportBuilder } from '@/components/reports/report-builder';
import { StatementList } from '@/components/reports/statement-list';
import { PageHeader } from '@/components/shell/page-header';
import { requirePageActor } from '@/lib/auth/page';
import { listStatements } from '@/lib/reports/statements';

export const metadata: Metadata = { title: 'Reports' };

export default async function ReportsPage() {
  const actor = await requirePageActor();
  const statements = await listStatements(actor);
  return (
    <>
      <PageHeader title="Reports" />
      <ReportBuilder today={new Date().toISOString().slice(0, 10)} />
      <StatementList statements={statements} />
    </>
  );
}
