import { FileText } from 'lucide-react';
import type { Metadata } from 'next';
import { ComingSoon } from '@/components/shell/coming-soon';
import { PageHeader } from '@/components/shell/page-header';
import { requirePageActor } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Reports' };

export default async function ReportsPage() {
  await requirePageActor();
  return (
    <>
      <PageHeader title="Reports" />
      <ComingSoon
        icon={FileText}
        title="Reports"
        description="Revenue, energy cost, margin and cost per BTC per site and tenant, exported as CSV, XLSX or PDF."
      />
    </>
  );
}
