import type { Metadata } from 'next';
import { PoolsView } from '@/components/workloads/pools-view';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Pools' };

export default async function PoolsPage() {
  const actor = await requirePageActor();
  return <PoolsView canOperate={hasRole(actor, 'operator')} />;
}
