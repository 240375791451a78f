import { JOB_LOCK_KEYS } from '../../jobs/lock-keys';
import type { Job } from '../../jobs/scheduler';
import { refreshElectricity } from './refresh-electricity';
import { refreshBtcUsd, refreshGpuRates, refreshNetwork } from './refresh-feeds';

/**
 * Market refresh jobs for lib/jobs/background.ts. Network and BTC/USD every minute; electricity ticks
 * every minute but refreshes a site only when due (15 min) or when its source changed; GPU rates are
 * hourly points rewritten every 5 minutes so an edited rate table shows up quickly.
 */
export function marketJobs(): Job[] {
  return [
    {
      name: 'market-network',
      everyMs: 60_000,
      lockKey: JOB_LOCK_KEYS.marketNetwork,
      run: (now) => refreshNetwork(now),
    },
    {
      name: 'market-btc',
      everyMs: 60_000,
      lockKey: JOB_LOCK_KEYS.marketBtc,
      run: (now) => refreshBtcUsd(now),
    },
    {
      name: 'market-electricity',
      everyMs: 60_000,
      lockKey: JOB_LOCK_KEYS.marketElectricity,
      run: (now) => refreshElectricity(now),
    },
    {
      name: 'market-gpu',
      everyMs: 5 * 60_000,
      lockKey: JOB_LOCK_KEYS.marketGpu,
      run: (now) => refreshGpuRates(now),
    },
  ];
}
