import type { Metadata } from 'next';
import { BacktestPanel } from '@/components/allocation/backtest/backtest-view';
import { PageHeader } from '@/components/shell/page-header';
import { hasRole } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Allocation backtests' };

export default async function BacktestsPage() {
  const actor = await requirePageActor();
  return (
    <>
      <PageHeader title="Backtests" />
      <BacktestPanel canRun={hasRole(actor, 'operator')} />
    </>
  );
}
