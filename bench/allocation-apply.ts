// `npm run bench:allocation-apply`: applying a plan on the seeded demo fleet (3 sites, ~1,250
// devices), in-process on a fresh database: a plan that curtails every miner (dear power, guardrails
// off), then one that puts them all back on their pools (cheap power). Wall time of `applyPlan`
// (assignments, remote-action batches, decision log), SQLite and, with TEST_DATABASE_URL, PostgreSQL.
import { applyPlan } from '../lib/allocation/plans/apply';
import { createPlan } from '../lib/allocation/plans/plans';
import { PlanRequest } from '../lib/allocation/request';
import { SYSTEM_ACTOR } from '../lib/auth/actor';
import { getDb } from '../lib/db/client';
import { refreshElectricity } from '../lib/market/refresh/refresh-electricity';
import { refreshBtcUsd, refreshGpuRates, refreshNetwork } from '../lib/market/refresh/refresh-feeds';
import { seedDemoFleet } from '../lib/sim/seed-demo';
import { createTestDb } from '../tests/helpers/test-db';

async function benchOne(provider: 'sqlite' | 'postgresql'): Promise<Record<string, number>> {
  const db = await createTestDb(provider);
  try {
    const now = Date.now();
    await seedDemoFleet(getDb(), 1, undefined, now);
    await getDb().device.updateMany({ data: { status: 'online' } });
    await refreshNetwork(now);
    await refreshBtcUsd(now);
    await refreshGpuRates(now);
    await refreshElectricity(now, { force: true, log: { warn: () => {} } });
    const siteIds = (await getDb().site.findMany({ select: { id: true } })).map((s) => s.id);
    const price = (usd: number) => Object.fromEntries(siteIds.map((id) => [String(id), usd]));
    const out: Record<string, number> = {};
    for (const [label, usd, hashprice] of [
      ['curtail', 20_000, 50],
      ['mine', 1, 80],
    ] as const) {
      const plan = await createPlan(
        SYSTEM_ACTOR,
        PlanRequest.parse({
          overrides: { priceUsdPerMwh: price(usd), hashpriceUsdPerPhDay: hashprice },
          constraints: { guardrails: false, holdTimes: false },
        }),
        Date.now(),
      );
      const t0 = performance.now();
      const res = await applyPlan(SYSTEM_ACTOR, plan.id, Date.now());
      const ms = performance.now() - t0;
      console.log(
        `  ${provider} ${label}: ${res.applied} applied, ${res.unchanged} unchanged, ${res.refused} refused, ${res.failed} failed in ${ms.toFixed(0)} ms`,
      );
      out[`allocation_apply_${label}_${provider === 'sqlite' ? 'sqlite' : 'pg'}_ms`] = Math.round(ms);
      out[`allocation_apply_${label}_${provider === 'sqlite' ? 'sqlite' : 'pg'}_applied`] = res.applied;
    }
    return out;
  } finally {
    await db.cleanup();
  }
}

async function main() {
  const figures: Record<string, number> = {};
  console.log('apply on the seeded demo fleet (wall time of applyPlan):');
  Object.assign(figures, await benchOne('sqlite'));
  if (process.env.TEST_DATABASE_URL) Object.assign(figures, await benchOne('postgresql'));
  else console.log('  PostgreSQL skipped: set TEST_DATABASE_URL');
  for (const [k, v] of Object.entries(figures)) console.log(`${k}=${v}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
