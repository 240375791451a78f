import type { Metadata } from 'next';
import { AllocationView } from '@/components/allocation/allocation-view';
import { PageHeader } from '@/components/shell/page-header';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Allocation' };

export default async function AllocationPage() {
  const actor = await requirePageActor();
  return (
    <>
      <PageHeader
        title="Allocation"
        description="Per site and hour: what goes to mining, to AI work and what to curtail — a dry-run plan you review before applying."
      />
      <AllocationView canOperate={hasRole(actor, 'operator')} />
    </>
  );
}
