import { Split } from 'lucide-react';
import type { Metadata } from 'next';
import { AllocationView } from '@/components/allocation/allocation-view';
import { PageHeader } from '@/components/shell/page-header';
import { EmptyState } from '@/components/ui/empty-state';
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
      {actor.tenantId === null ? (
        <AllocationView canOperate={hasRole(actor, 'operator')} />
      ) : (
        // Plans span the whole fleet's sites and power caps: the plans API is for the fleet operator's staff.
        <EmptyState
          icon={Split}
          title="Allocation is run by the fleet operator"
          description="Plans decide power for whole sites, so they are made and applied by the operator's staff."
        />
      )}
    </>
  );
}
