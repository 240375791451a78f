import type { ReactNode } from 'react';
import { parseRouteId } from '@/lib/auth/detail-page';
import { loadJobPage } from '@/lib/workloads/detail-page';

/** Checks the job exists (and is visible) before loading.tsx streams: an unknown id is an HTTP 404. */
export default async function JobLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  await loadJobPage(parseRouteId((await params).id));
  return children;
}
