// Replay of market rules (site price vs breakeven, hashprice) over stored market history and
// 5-minute rollups, pure: per step, each site's price then minus the breakeven of its least
// efficient model hashing then (from the rollups' power and hashrate), and the hashprice then.
import { breakevenUsdPerMwh } from '../economics/mining';
import { evaluateTick } from './evaluate';
import type { BucketValues, IntentSpan, ReplayedAlert } from './replay';
import { type DeviceRow, toFleetSubject, toSiteSubject } from './subjects';
import type { AlertState, Condition, Rule, Subject } from './types';

/** A price interval of a site's contract (fixed, time-of-use or stored spot). */
export type PriceInterval = { intervalStart: number; intervalEnd: number; priceUsdPerMwh: number };

export type MarketSite = { siteId: number; pue: number; poolFeePct: number; prices: PriceInterval[] };

export type MarketReplayInput = {
  rule: Rule;
  devices: DeviceRow[];
  buckets: Map<number, Map<number, BucketValues>>;
  intent: IntentSpan[];
  sites: MarketSite[];
  /** Hashprice points (USD/PH/day), oldest first: the value at t is the last point at or before t. */
  hashprice: { ts: number; value: number }[];
  fromMs: number;
  toMs: number;
  stepMs: number;
  onStep?: (at: number, alerts: readonly AlertState[]) => void;
};

/** The last point at or before `at` (points sorted by ts), or null before the first. */
export function valueAt(points: readonly { ts: number; value: number }[], at: number): number | null {
  let lo = 0;
  let hi = points.length - 1;
  let found: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.ts <= at) {
      found = points[mid]!.value;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function priceAt(prices: readonly PriceInterval[], at: number): number | null {
  for (const p of prices) if (p.intervalStart <= at && at < p.intervalEnd) return p.priceUsdPerMwh;
  return null;
}

/** Site subjects at one step: price minus the worst breakeven among models hashing in the bucket. */
export function siteSubjectsAt(args: {
  at: number;
  sites: readonly MarketSite[];
  devices: readonly DeviceRow[];
  values: Map<number, BucketValues> | undefined;
  onPurpose: (deviceId: number) => boolean;
  usdPerThDay: number | null;
}): Subject[] {
  const out: Subject[] = [];
  for (const site of args.sites) {
    const byModel = new Map<number, { hashrateThs: number; powerW: number; ids: number[] }>();
    for (const d of args.devices) {
      if (d.siteId !== site.siteId || d.class === 'gpu') continue;
      const v = args.values?.get(d.id);
      if (!v?.hashrateThs || !v.powerW || args.onPurpose(d.id)) continue;
      const m = byModel.get(d.modelId) ?? { hashrateThs: 0, powerW: 0, ids: [] };
      byModel.set(d.modelId, m);
      m.hashrateThs += v.hashrateThs;
      m.powerW += v.powerW;
      m.ids.push(d.id);
    }
    let worst: { modelId: number; breakevenUsdPerMwh: number; ids: number[] } | null = null;
    if (args.usdPerThDay !== null) {
      for (const [modelId, m] of byModel) {
        const breakeven = breakevenUsdPerMwh({
          usdPerThDay: args.usdPerThDay,
          poolFeePct: site.poolFeePct,
          efficiencyJPerTh: m.powerW / m.hashrateThs,
          pue: site.pue,
        });
        if (!worst || breakeven < worst.breakevenUsdPerMwh)
          worst = { modelId, breakevenUsdPerMwh: breakeven, ids: m.ids };
      }
    }
    out.push(
      toSiteSubject(
        {
          siteId: site.siteId,
          priceUsdPerMwh: priceAt(site.prices, args.at),
          worst: worst && { modelId: worst.modelId, breakevenUsdPerMwh: worst.breakevenUsdPerMwh },
        },
        worst?.ids.sort((a, b) => a - b) ?? [],
      ),
    );
  }
  return out;
}

export function replayMarketRule(input: MarketReplayInput): { alerts: ReplayedAlert[]; evaluations: number } {
  const { rule, stepMs } = input;
  const spans = new Map<number, IntentSpan[]>();
  for (const s of input.intent) spans.set(s.deviceId, [...(spans.get(s.deviceId) ?? []), s]);
  let conditions: Condition[] = [];
  const alerts: AlertState[] = [];
  let evaluations = 0;
  for (let bucket = input.fromMs; bucket < input.toMs; bucket += stepMs) {
    const at = bucket + stepMs;
    const phDay = valueAt(input.hashprice, at);
    const subjects =
      rule.metric === 'hashpriceUsdPerPhDay'
        ? [toFleetSubject(phDay)]
        : siteSubjectsAt({
            at,
            sites: input.sites,
            devices: input.devices,
            values: input.buckets.get(bucket),
            onPurpose: (id) =>
              (spans.get(id) ?? []).some((s) => s.fromTs <= at && (s.toTs === null || at < s.toTs)),
            usdPerThDay: phDay === null ? null : phDay / 1000,
          });
    const out = evaluateTick({ now: at, rules: [rule], subjects, conditions, alerts, silences: [] });
    evaluations++;
    conditions = out.conditions;
    for (const a of out.alerts) {
      if (a.id === null) alerts.push({ ...a, id: alerts.length + 1 });
      else alerts[a.id - 1] = a;
    }
    input.onStep?.(at, alerts);
  }
  return {
    alerts: alerts.map((a) => ({
      firedAt: a.firedAt,
      resolvedAt: a.resolvedAt,
      deviceIds: [...new Set(a.members.flatMap((m) => m.deviceIds))].sort((x, y) => x - y),
    })),
    evaluations,
  };
}
