import { Workflow } from 'lucide-react';
import type { Metadata } from 'next';
import { ComingSoon } from '@/components/shell/coming-soon';
import { PageHeader } from '@/components/shell/page-header';
import { requirePageActor } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Workloads' };

export default async function WorkloadsPage() {
  await requirePageActor();
  return (
    <>
      <PageHeader title="Workloads" />
      <ComingSoon
        icon={Workflow}
        title="Workloads"
        description="Pool profiles with failover order, and AI jobs (GPUs, memory, hours, $/GPU-h, deadline, preemptible) with where they run."
      />
    </>
  );
}
