import type { ReactNode } from 'react';
import { PageHeader } from '@/components/shell/page-header';
import { WorkloadsTabs } from '@/components/workloads/workloads-tabs';
import { requirePageActor } from '@/lib/auth/page';

export default async function WorkloadsLayout({ children }: { children: ReactNode }) {
  await requirePageActor();
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        className="mb-0"
        title="Workloads"
        description="AI jobs, mining pools and what every device is assigned to."
      >
        <WorkloadsTabs />
      </PageHeader>
      {children}
    </div>
  );
}
