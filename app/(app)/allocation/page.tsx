import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { Split } from 'lucide-react';
import type { Metadata } from 'next';
import { AllocationView } from '@/components/allocation/allocation-view';
import { PageHeader } from '@/components/shell/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { createPlan, getPlan, listPlans } from '@/lib/allocation/plans/plans';
import { PlanRequest } from '@/lib/allocation/request';
import { draftPlanQuery, latestPlanQuery } from '@/lib/api-client/allocation';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Allocation' };

export default async function AllocationPage() {
  const actor = await requirePageActor();
  const header = (
    <PageHeader
      title="Allocation"
      description="Per site and hour: what goes to mining, to AI work and what to curtail — a dry-run plan you review before applying."
    />
  );
  if (actor.tenantId !== null) {
    // Plans span whole sites and their power caps: the plans API is for the fleet operator's staff.
    return (
      <>
        {header}
        <EmptyState
          icon={Split}
          title="Allocation is run by the fleet operator"
          description="Plans decide power for whole sites, so they are made and applied by the operator's staff."
        />
      </>
    );
  }
  const canOperate = hasRole(actor, 'operator');
  const queryClient = new QueryClient();
  // First paint with the plan: the same query key the browser uses, filled from lib/ directly (a
  // failure is left to the browser's query, which shows it with a retry).
  if (canOperate) {
    await queryClient.prefetchQuery({
      ...draftPlanQuery(),
      queryFn: () => createPlan(actor, PlanRequest.parse({}), Date.now()),
    });
  } else {
    await queryClient.prefetchQuery({
      ...latestPlanQuery(),
      queryFn: async () => {
        const newest = (await listPlans(actor, { limit: 1 })).data[0];
        return newest ? getPlan(actor, newest.id) : null;
      },
    });
  }
  return (
    <>
      {header}
      <HydrationBoundary state={dehydrate(queryClient)}>
        <AllocationView canOperate={canOperate} />
      </HydrationBoundary>
    </>
  );
}
