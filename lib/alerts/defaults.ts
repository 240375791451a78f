// The built-in rules a new install starts with (issue #12). Seeded once, on first start; people
// may change or delete them afterwards and a restart does not bring them back.
import { getDb } from '../db/client';
import type { RuleCreate } from './schemas';

export const DEFAULT_RULES: (RuleCreate & { builtin: string })[] = [
  {
    builtin: 'offline',
    name: 'Device offline for 10 minutes',
    metric: 'lastSeenAgeS',
    op: '>',
    threshold: 600,
    forS: 0,
    cooldownS: 300,
    severity: 'critical',
    scope: {},
    enabled: true,
  },
  {
    builtin: 'chip-temp',
    name: "Chip temperature over the model's limit for 5 minutes",
    metric: 'chipTempC',
    op: '>',
    threshold: 0,
    relativeTo: 'modelMaxTempC',
    clearThreshold: -3,
    forS: 300,
    cooldownS: 600,
    severity: 'critical',
    scope: {},
    enabled: true,
  },
  {
    builtin: 'hashrate-low',
    name: 'Hashrate below 80 % of nominal for 15 minutes',
    metric: 'hashratePctOfNominal',
    op: '<',
    threshold: 80,
    clearThreshold: 85,
    forS: 900,
    cooldownS: 900,
    severity: 'warning',
    scope: {},
    enabled: true,
  },
  {
    builtin: 'fan-failure',
    name: 'Fan failure',
    metric: 'fanRpm',
    op: '<',
    threshold: 500,
    clearThreshold: 1000,
    forS: 60,
    cooldownS: 600,
    severity: 'critical',
    scope: { class: 'asic' },
    enabled: true,
  },
  {
    builtin: 'gpu-xid',
    name: 'GPU XID error',
    metric: 'gpuXidErrors',
    op: '>',
    threshold: 0,
    forS: 0,
    cooldownS: 600,
    severity: 'critical',
    scope: { class: 'gpu' },
    enabled: true,
  },
  {
    builtin: 'pool-down',
    name: 'Pool down: the miner reports no live pool for 2 minutes',
    metric: 'poolDown',
    op: '>',
    threshold: 0,
    forS: 120,
    cooldownS: 600,
    severity: 'critical',
    scope: {},
    enabled: true,
  },
  {
    builtin: 'price-over-breakeven',
    name: 'Site price above the breakeven of its least efficient running model for 30 minutes',
    metric: 'sitePriceVsBreakevenUsdPerMwh',
    op: '>',
    threshold: 0,
    clearThreshold: -2,
    forS: 1800,
    cooldownS: 1800,
    severity: 'warning',
    scope: {},
    enabled: true,
  },
];

const SEEDED_KEY = 'alerts.defaultsSeeded';

/** Inserts the default rules once per install (a setting remembers it); returns how many it wrote. */
export async function seedDefaultRules(now: number): Promise<number> {
  const db = getDb();
  if (await db.setting.findUnique({ where: { key: SEEDED_KEY } })) return 0;
  await db.setting.create({ data: { key: SEEDED_KEY, value: JSON.stringify(new Date(now).toISOString()) } });
  await db.alertRule.createMany({
    data: DEFAULT_RULES.map((r) => ({
      builtin: r.builtin,
      name: r.name,
      metric: r.metric,
      op: r.op,
      threshold: JSON.stringify(r.threshold),
      relativeTo: r.relativeTo ?? null,
      forS: r.forS,
      clearThreshold: r.clearThreshold ?? null,
      cooldownS: r.cooldownS ?? 0,
      severity: r.severity,
      scope: JSON.stringify(r.scope),
      enabled: r.enabled,
      createdAt: BigInt(now),
      updatedAt: BigInt(now),
    })),
  });
  return DEFAULT_RULES.length;
}
