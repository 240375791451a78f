import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { loadJobSearchParams } from '@/components/workloads/job-search-params';
import { JobsView } from '@/components/workloads/jobs-view';
import { jobsQuery } from '@/lib/api-client/workloads';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';
import { listJobs } from '@/lib/workloads/jobs';

export const metadata: Metadata = { title: 'AI jobs' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function JobsPage({ searchParams }: Props) {
  const actor = await requirePageActor();
  const state = await loadJobSearchParams(searchParams);
  const filters = { status: state.status, tenantId: state.tenant, q: state.q };
  const queryClient = new QueryClient();
  // The same list the client asks GET /api/v1/jobs for, so the first HTML already holds the rows.
  await queryClient.prefetchQuery({
    ...jobsQuery(filters),
    queryFn: () =>
      listJobs(
        actor,
        {
          status: filters.status.length > 0 ? [...filters.status] : undefined,
          tenantId: filters.tenantId ?? undefined,
          q: filters.q.trim() || undefined,
        },
        Date.now(),
      ),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <JobsView canOperate={hasRole(actor, 'operator')} />
    </HydrationBoundary>
  );
}
