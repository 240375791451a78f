import type { CgReply } from './cgminer-envelope';
import { activePool, devsFields, type PoolInfo, poolList, summaryFields } from './cgminer-fields';
import { avalonStats, bmminerStats, type StatsFields, vendorExtras } from './cgminer-stats';
import type { CgFamily } from './firmware';
import { round } from './numbers';
import { fail, guarded, ok, type Parsed, type Reading } from './result';

export type MinerReading = {
  reading: Reading;
  pools: PoolInfo[];
  elapsedS?: number;
  powerLimitW?: number;
};

function pick<T>(...values: (T | undefined)[]): T | undefined {
  for (const v of values) if (v !== undefined) return v;
  return undefined;
}

/**
 * Combines the replies of one poll into a reading. `summary` is required; the others fill in
 * what summary lacks. A miner that answers but does not hash is `idle` (sleep mode and Avalon
 * soft-off still answer every command, §1.8 C23).
 */
export function cgminerReading(
  family: CgFamily,
  replies: Record<string, CgReply | undefined>,
  now: number,
): Parsed<MinerReading> {
  return guarded(() => {
    const summaryRow = replies.summary?.sections.SUMMARY?.[0];
    if (!summaryRow) return fail('no_data', 'no SUMMARY in the summary reply');
    const sum = summaryFields(summaryRow);
    const statsRows = replies.stats?.sections.STATS ?? replies.estats?.sections.STATS ?? [];
    let stats: StatsFields = {};
    if (family === 'avalon') stats = avalonStats(statsRows);
    else if (statsRows.length) stats = bmminerStats(statsRows);
    const extras = vendorExtras({
      TEMPS: replies.temps?.sections.TEMPS ?? [],
      FANS: replies.fans?.sections.FANS ?? [],
      TUNERSTATUS: replies.tunerstatus?.sections.TUNERSTATUS ?? [],
      POWER: replies.power?.sections.POWER ?? [],
    });
    const devs = devsFields(replies.devs?.sections.DEVS ?? []);
    const pools = poolList(replies.pools?.sections.POOLS ?? []);
    const pool = activePool(pools);
    const hashrateThs = pick(sum.hashrateThs, stats.hashrateThs, devs.hashrateThs);
    const reading: Reading = { ts: now };
    const set = <K extends keyof Reading>(key: K, value: Reading[K] | undefined) => {
      if (value !== undefined)
        reading[key] = typeof value === 'number' ? (round(value, 3) as Reading[K]) : value;
    };
    if (hashrateThs !== undefined) reading.hashrateThs = round(hashrateThs, 6);
    set('powerW', pick(sum.powerW, extras.powerW, stats.powerW));
    set('chipTempC', pick(sum.chipTempC, stats.chipTempC, extras.chipTempC, devs.chipTempC));
    set('boardTempC', pick(sum.boardTempC, stats.boardTempC, extras.boardTempC));
    set('inletTempC', pick(sum.inletTempC, stats.inletTempC));
    set('fanRpm', pick(sum.fanRpm, stats.fanRpm, extras.fanRpm));
    set('acceptedShares', sum.acceptedShares);
    set('rejectedShares', sum.rejectedShares);
    set('hwErrors', sum.hwErrors);
    if (pool) reading.poolUrl = pool.url.slice(0, 300);
    reading.status = stats.idle || hashrateThs === 0 ? 'idle' : 'ok';
    return ok({
      reading,
      pools,
      elapsedS: sum.elapsedS,
      powerLimitW: pick(sum.powerLimitW, extras.powerLimitW, stats.powerLimitW),
    });
  });
}
