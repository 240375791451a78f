import type { Metadata } from 'next';
import { JobsView } from '@/components/workloads/jobs-view';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'AI jobs' };

export default async function JobsPage() {
  const actor = await requirePageActor();
  return <JobsView canOperate={hasRole(actor, 'operator')} />;
}
