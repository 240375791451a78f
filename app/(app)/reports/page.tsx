import type { Metadata } from 'next';
import { ReportBuilder } from '@/components/reports/report-builder';
import { PageHeader } from '@/components/shell/page-header';
import { requirePageActor } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Reports' };

export default async function ReportsPage() {
  await requirePageActor();
  return (
    <>
      <PageHeader title="Reports" />
      <ReportBuilder today={new Date().toISOString().slice(0, 10)} />
    </>
  );
}
