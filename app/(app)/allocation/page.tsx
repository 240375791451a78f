import { Split } from 'lucide-react';
import type { Metadata } from 'next';
import { ComingSoon } from '@/components/shell/coming-soon';
import { PageHeader } from '@/components/shell/page-header';
import { requirePageActor } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Allocation' };

export default async function AllocationPage() {
  await requirePageActor();
  return (
    <>
      <PageHeader title="Allocation" />
      <ComingSoon
        icon={Split}
        title="Allocation"
        description="Per site and interval: how many kW go to mining, to AI jobs, and what to curtail — as a dry-run plan you review before applying."
      />
    </>
  );
}
