import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { JobDetail } from '@/components/workloads/job-detail';
import { jobQuery } from '@/lib/api-client/workloads';
import { hasRole } from '@/lib/auth/actor';
import { type DetailPageProps, parseRouteId } from '@/lib/auth/detail-page';
import { loadJobPage as loadJob } from '@/lib/workloads/detail-page';

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
