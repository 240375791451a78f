import type { Metadata } from 'next';
import { AssignmentBoard } from '@/components/workloads/assignment-board';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Assignment board' };

export default async function BoardPage() {
  const actor = await requirePageActor();
  return <AssignmentBoard canOperate={hasRole(actor, 'operator')} />;
}
