import type { Row } from './cgminer-envelope';
import { GHS_TO_THS, MHS_TO_THS, mean, round, toNumber, validTemp } from './numbers';

/** Hashrate keys in order of preference: short windows first, averages hide a sleeping miner (§1.8 C23). */
const HASHRATE_KEYS: { pattern: RegExp; toThs: number }[] = [
  { pattern: /^MHS \d+s$/, toThs: MHS_TO_THS },
  { pattern: /^GHS \d+s$/, toThs: GHS_TO_THS },
  { pattern: /^HS RT$/, toThs: MHS_TO_THS },
  { pattern: /^MHS 1m$/, toThs: MHS_TO_THS },
  { pattern: /^GHS 1m$/, toThs: GHS_TO_THS },
  { pattern: /^MHS av$/, toThs: MHS_TO_THS },
  { pattern: /^GHS av$/, toThs: GHS_TO_THS },
];

export function hashrateThsOf(row: Row): number | undefined {
  const keys = Object.keys(row);
  for (const { pattern, toThs } of HASHRATE_KEYS) {
    for (const key of keys) {
      if (!pattern.test(key)) continue;
      const v = toNumber(row[key]);
      if (v !== undefined && v >= 0) return round(v * toThs);
    }
  }
  return undefined;
}

export type SummaryFields = {
  hashrateThs?: number;
  acceptedShares?: number;
  rejectedShares?: number;
  hwErrors?: number;
  elapsedS?: number;
  powerW?: number;
  boardTempC?: number;
  chipTempC?: number;
  inletTempC?: number;
  fanRpm?: number;
  powerLimitW?: number;
};

const count = (v: unknown) => {
  const n = toNumber(v);
  return n !== undefined && n >= 0 ? Math.round(n) : undefined;
};

/** `summary` row: cgminer/bmminer/BOSminer/LuxOS keys plus Whatsminer's power, temperature and fans. */
export function summaryFields(row: Row): SummaryFields {
  const fanIn = toNumber(row['Fan Speed In']);
  const fanOut = toNumber(row['Fan Speed Out']);
  return {
    hashrateThs: hashrateThsOf(row),
    acceptedShares: count(row.Accepted),
    rejectedShares: count(row.Rejected),
    hwErrors: count(row['Hardware Errors']),
    elapsedS: count(row.Elapsed),
    powerW: toNumber(row.Power) ?? toNumber(row.Power_RT),
    boardTempC: validTemp(toNumber(row.Temperature)),
    chipTempC: validTemp(toNumber(row['Chip Temp Max'])),
    inletTempC: validTemp(toNumber(row['Env Temp'])),
    // Whatsminer reports both fans even when one has stopped: a 0 here is a failed fan, keep it.
    fanRpm: fanIn === undefined && fanOut === undefined ? undefined : mean([fanIn, fanOut]),
    powerLimitW: toNumber(row['Power Limit']),
  };
}

export type PoolInfo = {
  index: number;
  url: string;
  user: string;
  alive: boolean;
  active: boolean;
  priority: number;
};

function truthy(v: unknown): boolean {
  return v === true || v === 1 || v === 'true' || v === 'Y';
}

/** `pools` rows; alive only for `Status: "Alive"` (an S19 reports a dead pool as "Deed", §1.8 C17). */
export function poolList(rows: Row[]): PoolInfo[] {
  return rows.map((r, i) => ({
    index: toNumber(r.POOL) ?? i,
    url: typeof r.URL === 'string' ? r.URL : '',
    user: typeof r.User === 'string' ? r.User : '',
    alive: r.Status === 'Alive',
    active: truthy(r['Stratum Active']),
    priority: toNumber(r.Priority) ?? i,
  }));
}

/** The pool being mined: the stratum-active one, else the best-priority alive one (failover order). */
export function activePool(pools: PoolInfo[]): PoolInfo | undefined {
  const active = pools.find((p) => p.active && p.url !== '');
  if (active) return active;
  return pools.filter((p) => p.alive && p.url !== '').sort((a, b) => a.priority - b.priority)[0];
}

/** `devs` rows: per-board temperatures (Avalon's −273 and 0 are unusable, §1.8 C14) and the hashrate sum. */
export function devsFields(rows: Row[]): { chipTempC?: number; hashrateThs?: number } {
  const temps = rows.map((r) => validTemp(toNumber(r.Temperature))).filter((t) => t !== undefined && t !== 0);
  const rates = rows.map(hashrateThsOf).filter((v): v is number => v !== undefined);
  return {
    chipTempC: temps.length ? Math.max(...(temps as number[])) : undefined,
    hashrateThs: rates.length ? round(rates.reduce((a, b) => a + b, 0)) : undefined,
  };
}
