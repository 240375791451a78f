// The built-in rules an install starts with (issue #12). Each is seeded once — on first start, or
// on the first start after an upgrade that added it; people may change or delete them afterwards
// and a restart does not bring them back.
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

/**
 * What the first release seeded, before the setting listed keys (it held the seeding time as a
 * JSON string): an install upgraded from it has had these, whether or not it still has them.
 */
const FIRST_RELEASE_BUILTINS = [
  'offline',
  'chip-temp',
  'hashrate-low',
  'fan-failure',
  'gpu-xid',
  'price-over-breakeven',
];

type SeededSetting = { firstSeededAt: string; builtins: string[] };

/** The built-in keys this install has been given, from the setting (null: never seeded). */
function seededKeys(value: string | null | undefined, present: string[]): SeededSetting | null {
  if (value === null || value === undefined) return null;
  const parsed: unknown = JSON.parse(value);
  if (typeof parsed === 'string')
    return { firstSeededAt: parsed, builtins: [...new Set([...FIRST_RELEASE_BUILTINS, ...present])] };
  const s = parsed as Partial<SeededSetting>;
  return {
    firstSeededAt: String(s.firstSeededAt ?? ''),
    builtins: Array.isArray(s.builtins) ? s.builtins.map(String) : [...present],
  };
}

/**
 * Inserts each default rule once per install: all of them on a new one, and on an upgrade the ones
 * added since (the setting lists every built-in key ever seeded, so a default the operator
 * deleted stays deleted, and one they kept is not doubled). Returns how many rules it wrote.
 */
export async function seedDefaultRules(now: number): Promise<number> {
  try {
    return await seedOnce(now);
  } catch (err) {
    // Another instance starting at the same moment seeded first (unique key or builtin).
    if ((err as { code?: string }).code !== 'P2002') throw err;
    return seedOnce(now);
  }
}

async function seedOnce(now: number): Promise<number> {
  return getDb().$transaction(async (tx) => {
    const setting = await tx.setting.findUnique({ where: { key: SEEDED_KEY } });
    const present = (
      await tx.alertRule.findMany({ where: { builtin: { not: null } }, select: { builtin: true } })
    )
      .map((r) => r.builtin)
      .filter((b): b is string => b !== null);
    const seeded = seededKeys(setting?.value, present);
    const done = new Set([...(seeded?.builtins ?? []), ...present]);
    const missing = DEFAULT_RULES.filter((r) => !done.has(r.builtin));
    const next: SeededSetting = {
      firstSeededAt: seeded?.firstSeededAt || new Date(now).toISOString(),
      builtins: [...done, ...missing.map((r) => r.builtin)],
    };
    const value = JSON.stringify(next);
    if (missing.length === 0 && setting?.value === value) return 0;
    await tx.setting.upsert({
      where: { key: SEEDED_KEY },
      create: { key: SEEDED_KEY, value },
      update: { value },
    });
    if (missing.length > 0) await tx.alertRule.createMany({ data: missing.map((r) => ruleData(r, now)) });
    return missing.length;
  });
}

function ruleData(r: (typeof DEFAULT_RULES)[number], now: number) {
  return {
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
  };
}
