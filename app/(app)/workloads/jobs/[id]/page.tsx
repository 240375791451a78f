import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { cache } from 'react';
import { JobDetail } from '@/components/workloads/job-detail';
import { jobQuery } from '@/lib/api-client/workloads';
import { hasRole } from '@/lib/auth/actor';
import { type DetailPageProps, orNotFound, parseRouteId } from '@/lib/auth/detail-page';
import { requirePageActor } from '@/lib/auth/page';
import { getJob } from '@/lib/workloads/jobs';

/** Cached per request: the metadata and the page share one read; unknown or foreign id → 404 page. */
const loadJob = cache(async (id: number) => {
  const actor = await requirePageActor();
  return { actor, job: await orNotFound(() => getJob(actor, id, Date.now())) };
});

export async function generateMetadata({ params }: DetailPageProps): Promise<Metadata> {
  const { job } = await loadJob(parseRouteId((await params).id));
  return { title: job.name };
}

export default async function JobPage({ params }: DetailPageProps) {
  const id = parseRouteId((await params).id);
  const { actor, job } = await loadJob(id);
  const queryClient = new QueryClient();
  queryClient.setQueryData(jobQuery(id).queryKey, job);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <JobDetail jobId={id} canOperate={hasRole(actor, 'operator')} />
    </HydrationBoundary>
  );
}
