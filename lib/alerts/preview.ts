// Dry run of a rule over the last 24 h of stored 5-minute rollups (1-minute for pool liveness),
// status changes and assignment history: the alerts it would have raised, before anyone turns it on.
import { type Actor, requireStaff } from '../auth/actor';
import { join, queryRows, sql } from '../db/raw';
import { badRequest } from '../errors';
import { listSiteContracts, sitePriceSeries } from '../market/electricity/site-price';
import { getMarketHistory } from '../market/views/history';
import { loadWire } from './auto/run';
import { ActionSimulator, type SimulatedAction } from './auto/simulate';
import { loadDeviceRows } from './load-subjects';
import { loadBuckets, previewTier } from './preview-buckets';
import { REPLAYABLE, type ReplayedAlert, replayRule } from './replay';
import { type MarketSite, replayMarketRule } from './replay-market';
import type { RuleCreate } from './schemas';
import { inScope } from './scope';
import { reportsPoolLiveness, toDeviceSubject } from './subjects';
import type { AlertState, Rule, RuleActionSpec } from './types';

const STEP_MS = 300_000;
const WINDOW_MS = 24 * 3_600_000;

export type RulePreview = {
  from: string;
  to: string;
  stepS: number;
  evaluations: number;
  devicesInScope: number;
  alerts: { firedAt: string; resolvedAt: string | null; deviceIds: number[] }[];
  /** With `action`: what the rule would have done, under its rate limit, device by device. */
  actions?: RuleActionPreview;
};

export type RuleActionPreview = {
  kind: RuleActionSpec['kind'];
  maxDevicesPerHour: number;
  requested: number;
  rateLimited: number;
  skipped: number;
  /** Distinct devices the rule would have acted on. */
  devicesActedOn: number;
  log: {
    at: string;
    alertNo: number;
    deviceId: number;
    deviceName: string | null;
    kind: SimulatedAction['kind'];
    outcome: SimulatedAction['outcome'];
    via: SimulatedAction['via'];
    reason: string | null;
    value: number | string | null;
  }[];
};

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const iso = (ms: number) => new Date(ms).toISOString();

export async function previewRule(actor: Actor, input: RuleCreate, now = Date.now()): Promise<RulePreview> {
  requireStaff(actor, 'operator');
  const market = MARKET_METRICS.has(input.metric);
  if (!REPLAYABLE.has(input.metric) && !market) {
    const replayable = [...REPLAYABLE, ...MARKET_METRICS];
    throw badRequest(
      `A preview replays stored rollups, status changes and market history; ${input.metric} is not in them`,
      [{ path: 'metric', message: `replayable: ${replayable.join(', ')}` }],
    );
  }
  const rule: Rule = { ...input, id: 0, enabled: true };
  const tier = previewTier(rule.metric);
  const { stepMs } = tier;
  const toMs = Math.floor(now / stepMs) * stepMs;
  const fromMs = toMs - WINDOW_MS;
  const all = await loadDeviceRows();
  // A market rule looks at whole sites (every model there sets the breakeven), a device rule at its
  // scope; a pool-down rule only at devices whose samples say whether a pool is alive.
  const sites = market ? await marketSites(actor, rule, fromMs, toMs) : [];
  const siteIds = new Set(sites.map((s) => s.siteId));
  const devices = market
    ? all.filter((d) => siteIds.has(d.siteId))
    : all.filter(
        (d) =>
          inScope(rule.scope, toDeviceSubject(d, now, now)) &&
          (rule.metric !== 'poolDown' || reportsPoolLiveness(d)),
      );
  const ids = new Set(devices.map((d) => d.id));
  const buckets = await loadBuckets(tier, [...ids], fromMs, toMs);
  const spans = await queryRows(sql`
    SELECT device_id, from_ts, to_ts FROM assignment
    WHERE CAST(kind AS TEXT) IN ('curtail', 'idle', 'maintenance') AND from_ts < ${toMs} AND (to_ts IS NULL OR to_ts > ${fromMs})`);
  const changes =
    rule.metric === 'status'
      ? await queryRows(sql`
          SELECT device_id, ts, CAST(from_status AS TEXT) AS from_status, CAST(to_status AS TEXT) AS to_status
          FROM device_status_change WHERE ts >= ${fromMs} AND ts < ${toMs} ORDER BY ts`)
      : [];
  const simulator = rule.action
    ? new ActionSimulator(rule.action, await loadWire([...ids], undefined))
    : null;
  const onStep = simulator
    ? (at: number, alerts: readonly AlertState[]) => simulator.step(at, alerts)
    : undefined;
  const intent = spans
    .filter((s) => ids.has(Number(s.device_id)))
    .map((s) => ({ deviceId: Number(s.device_id), fromTs: Number(s.from_ts), toTs: num(s.to_ts) }));
  const replay = market
    ? replayMarketRule({
        rule,
        devices,
        buckets,
        intent,
        sites,
        hashprice: await hashpricePoints(actor, fromMs, toMs),
        fromMs,
        toMs,
        stepMs,
        onStep,
      })
    : replayRule({
        onStep,
        rule,
        devices,
        buckets,
        intent,
        statusChanges: changes
          .filter((c) => ids.has(Number(c.device_id)))
          .map((c) => ({
            deviceId: Number(c.device_id),
            ts: Number(c.ts),
            fromStatus: String(c.from_status),
            toStatus: String(c.to_status),
          })),
        fromMs,
        toMs,
        stepMs,
      });
  return {
    from: iso(fromMs),
    to: iso(toMs),
    stepS: stepMs / 1000,
    evaluations: replay.evaluations,
    devicesInScope: devices.length,
    alerts: replay.alerts.map((a: ReplayedAlert) => ({
      firedAt: iso(a.firedAt),
      resolvedAt: a.resolvedAt === null ? null : iso(a.resolvedAt),
      deviceIds: a.deviceIds,
    })),
    ...(simulator && rule.action && { actions: await summarise(rule.action, simulator.log) }),
  };
}

const MARKET_METRICS = new Set<Rule['metric']>(['sitePriceVsBreakevenUsdPerMwh', 'hashpriceUsdPerPhDay']);

/** The sites a market rule covers, with their contract's price intervals over the window. */
async function marketSites(actor: Actor, rule: Rule, fromMs: number, toMs: number): Promise<MarketSite[]> {
  if (rule.metric !== 'sitePriceVsBreakevenUsdPerMwh') return [];
  const contracts = (await listSiteContracts(actor)).filter(
    (s) => rule.scope.siteId === undefined || s.id === rule.scope.siteId,
  );
  const out: MarketSite[] = [];
  for (const c of contracts) {
    const { points } = await sitePriceSeries(c, fromMs - STEP_MS, toMs + STEP_MS);
    out.push({ siteId: c.id, pue: c.pue, poolFeePct: c.poolFeePct, prices: points });
  }
  return out;
}

/** Hashprice (USD/PH/day) over the window from the stored market inputs, oldest first. */
async function hashpricePoints(actor: Actor, fromMs: number, toMs: number) {
  // From a day before the window: the first step needs the value in force then, and difficulty
  // and fees are stored less often than the BTC price.
  const history = await getMarketHistory(actor, {
    series: ['hashprice_usd_per_ph_day'],
    from: fromMs - WINDOW_MS,
    to: toMs,
  });
  return [...(history.series[0]?.points ?? [])].sort((a, b) => a.ts - b.ts);
}

const LOG_LIMIT = 500;

async function summarise(spec: RuleActionSpec, log: SimulatedAction[]): Promise<RuleActionPreview> {
  const shown = log.slice(0, LOG_LIMIT);
  const ids = [...new Set(shown.map((l) => l.deviceId))];
  const names = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 400) {
    const rows = await queryRows(
      sql`SELECT id, name FROM device WHERE id IN (${join(ids.slice(i, i + 400))})`,
    );
    for (const r of rows) names.set(Number(r.id), String(r.name));
  }
  const count = (o: SimulatedAction['outcome']) => log.filter((l) => l.outcome === o).length;
  return {
    kind: spec.kind,
    maxDevicesPerHour: spec.maxDevicesPerHour,
    requested: count('requested'),
    rateLimited: count('rate_limited'),
    skipped: count('skipped'),
    devicesActedOn: new Set(log.filter((l) => l.outcome === 'requested').map((l) => l.deviceId)).size,
    log: shown.map((l) => ({ ...l, at: iso(l.at), deviceName: names.get(l.deviceId) ?? null })),
  };
}
