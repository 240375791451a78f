import { buildModel, nearestProfile } from '../prepare';
import { planHeuristic } from '../solve';
import type { AllocationDevice, AllocationInput, CurrentState, Hysteresis, MinerClass } from '../types';

/**
 * Backtest: replays a policy hour by hour over a historical window on a fleet (an engine input
 * whose prices and hashprice are replaced by the historical series) and books what it would have
 * earned. Pure like the rest of lib/allocation: no I/O, no clock. Runs as a generator that yields
 * the hours done after each chunk, so the job runner can report progress, yield the event loop and
 * stop on cancellation between chunks.
 *
 * Accounting (one formula for every policy, the same products as evaluatePlan): a miner at profile
 * p earns hashrate × hashprice(hour) / 24 × (1 − pool fee) per hour and pays W × PUE / 1000 × $/MWh;
 * a GPU server pays (idle + rented × busy per GPU) kW and earns rented × rate × utilisation;
 * maintenance devices keep drawing their power. An on/off change of a miner is a switch and costs
 * the class's switch cost. Jobs are not replayed (a year of history has no queue): AI revenue is
 * the spot rental at today's rates (the reference policies rent every GPU every hour).
 */

export type BacktestPolicy =
  | { kind: 'always-mine' }
  | { kind: 'strike'; strikeUsdPerMwh: number; minHoldH?: number }
  | { kind: 'optimizer'; lookahead?: boolean };

export type BacktestSeries = {
  /** Start of the first hour, epoch ms (whole UTC hour). */
  startMs: number;
  /** $/MWh per hour of the window; the backtest applies it to every site (it overrides the contract). */
  priceUsdPerMwh: number[];
  /** Hashprice per hour of the window, $/PH/day (the day's value repeated). */
  hashpriceUsdPerPhDay: number[];
};

export type BacktestOptions = {
  /** Optimizer honours the hysteresis' minimum on/off times (default true). */
  holdTimes?: boolean;
  /** Replaces every class's switch cost (booked for every policy). */
  switchCostUsd?: number;
};

export type CumulativePoint = { ts: number; profitUsd: number };

export type PolicyResult = {
  policy: BacktestPolicy;
  label: string;
  profitUsd: number;
  revenueUsd: number;
  miningRevenueUsd: number;
  aiRevenueUsd: number;
  energyCostUsd: number;
  switchCostUsd: number;
  mwh: number;
  /** Hours in which at least one miner was curtailed. */
  curtailedHours: number;
  /** Miner-hours a reference policy would have run but the site's power cap did not allow. */
  capShedDeviceHours: number;
  curtailedDeviceHours: number;
  /** On/off changes of miners, summed over devices. */
  switches: number;
  /**
   * Hours in which some site drew more than its cap at the meter. Every policy keeps the cap (the
   * reference policies shed load least-efficient-first when it binds), so a non-zero value means
   * the load that cannot be shed (maintenance draw, idle GPU nodes, miners at the lowest profile of a
   * non-curtailable site) alone exceeds it.
   */
  overCapHours: number;
  hours: number;
  /** Cumulative profit at the end of each hour (windows up to 31 days) or of each day. */
  cumulative: CumulativePoint[];
};

const HOUR_MS = 3_600_000;

export function policyLabel(p: BacktestPolicy): string {
  if (p.kind === 'always-mine') return 'Always mine';
  if (p.kind === 'strike')
    return `Strike $${p.strikeUsdPerMwh}/MWh${p.minHoldH ? `, hold ${p.minHoldH} h` : ''}`;
  return p.lookahead === false ? 'Optimizer (hour by hour)' : 'Optimizer (day-ahead look-ahead)';
}

type Miner = {
  device: AllocationDevice;
  siteIndex: number;
  class: MinerClass;
  nominal: number;
  kw: number[];
  powerW: number[];
  /** $ per hour per unit of hashprice ($/PH/day) at each profile, after the pool fee. */
  revPerHp: number[];
  profile: number;
  sinceH: number;
};

type Gpu = {
  device: AllocationDevice;
  siteIndex: number;
  idleKw: number;
  busyKwPerGpu: number;
  usdPerGpuH: number;
  maxRent: number;
  rented: number;
};

/** Decisions for hours [t0, t1): profile per miner per hour, rented GPUs per server per hour. */
type Chunk = { t1: number; profiles: number[][]; rented: number[][] };

function hysteresisFor(base: AllocationInput, options: BacktestOptions): Record<MinerClass, Hysteresis> {
  const h = base.hysteresis;
  const cost = options.switchCostUsd;
  if (cost === undefined) return h;
  return { asic: { ...h.asic, switchCostUsd: cost }, micro: { ...h.micro, switchCostUsd: cost } };
}

export function* replayPolicy(
  base: AllocationInput,
  series: BacktestSeries,
  policy: BacktestPolicy,
  options: BacktestOptions = {},
): Generator<number, PolicyResult> {
  const T = series.priceUsdPerMwh.length;
  if (T === 0 || series.hashpriceUsdPerPhDay.length !== T)
    throw new RangeError('backtest series must have one price and one hashprice per hour');
  const hysteresis = hysteresisFor(base, options);
  const holdTimes = options.holdTimes ?? true;
  // Static figures (meter kW, rental rates, maintenance draw) from the engine's own model.
  const model = buildModel({
    ...base,
    startMs: series.startMs,
    intervalMin: 60,
    intervals: 1,
    jobs: [],
    sites: base.sites.map((s) => ({ ...s, priceUsdPerMwh: [0], quietIntervals: [] })),
  });
  const miners: Miner[] = [];
  const gpus: Gpu[] = [];
  for (const device of base.devices) {
    if (device.maintenance) continue;
    const siteIndex = model.siteIndex.get(device.siteId)!;
    const site = model.sites[siteIndex]!.site;
    const server = model.servers.get(device.deviceId);
    if (server) {
      const rental = model.sites[siteIndex]!.rental.get(server.model.gpuModel);
      gpus.push({
        device,
        siteIndex,
        idleKw: server.idleKw,
        busyKwPerGpu: server.busyKwPerGpu,
        usdPerGpuH: rental?.usdPerGpuInterval ?? 0,
        maxRent: rental ? server.model.gpuCount : 0,
        rented:
          device.state.kind === 'gpu'
            ? Math.min(device.state.rentedGpus, rental ? server.model.gpuCount : 0)
            : 0,
      });
      continue;
    }
    const mm = model.minerModels.get(device.modelId)!;
    const profiles = mm.profiles;
    const state = device.state;
    const profile = state.kind === 'mine' ? nearestProfile(mm, state.powerW) : -1;
    miners.push({
      device,
      siteIndex,
      class: mm.class,
      nominal: mm.nominalIndex,
      kw: profiles.map((p) => (p.powerW * site.pue) / 1000),
      powerW: profiles.map((p) => p.powerW),
      revPerHp: profiles.map((p) => ((p.hashrateThs / 1000) * (1 - site.poolFeePct / 100)) / 24),
      profile,
      sinceH: state.kind === 'gpu' ? 0 : state.sinceMin / 60,
    });
  }
  const maintenanceKw = model.sites.reduce((a, s) => a + s.maintenanceKw, 0);
  const capKw = model.sites.map((s) => s.site.capacityKw);
  const siteKw = model.sites.map(() => 0);

  const r: PolicyResult = {
    policy,
    label: policyLabel(policy),
    profitUsd: 0,
    revenueUsd: 0,
    miningRevenueUsd: 0,
    aiRevenueUsd: 0,
    energyCostUsd: 0,
    switchCostUsd: 0,
    mwh: 0,
    curtailedHours: 0,
    curtailedDeviceHours: 0,
    capShedDeviceHours: 0,
    switches: 0,
    overCapHours: 0,
    hours: T,
    cumulative: [],
  };
  const hourly = T <= 31 * 24;

  const decide = chunker(
    base,
    series,
    policy,
    miners,
    gpus,
    model.sites.map((s) => s.site.curtailable),
    {
      hysteresis,
      holdTimes,
    },
  );
  const fitCaps = capFitter(
    miners,
    gpus,
    model.sites.map((s) => ({
      capKw: s.site.capacityKw,
      fixedKw: s.maintenanceKw,
      curtailable: s.site.curtailable,
    })),
  );
  let t0 = 0;
  while (t0 < T) {
    const chunk = decide(t0);
    if (policy.kind !== 'optimizer') r.capShedDeviceHours += fitCaps(chunk, chunk.t1 - t0);
    for (let t = t0; t < chunk.t1; t++) {
      const k = t - t0;
      const price = series.priceUsdPerMwh[t]!;
      const hp = series.hashpriceUsdPerPhDay[t]!;
      let kwh = maintenanceKw;
      let revenue = 0;
      let curtailed = 0;
      for (let s = 0; s < siteKw.length; s++) siteKw[s] = model.sites[s]!.maintenanceKw;
      for (let i = 0; i < miners.length; i++) {
        const m = miners[i]!;
        const p = chunk.profiles[i]![k]!;
        const on = p >= 0;
        if (on !== m.profile >= 0) {
          r.switches++;
          r.switchCostUsd += hysteresis[m.class].switchCostUsd;
          m.sinceH = 0;
        }
        m.profile = p;
        m.sinceH++;
        if (!on) {
          curtailed++;
          continue;
        }
        kwh += m.kw[p]!;
        siteKw[m.siteIndex]! += m.kw[p]!;
        revenue += m.revPerHp[p]! * hp;
      }
      let ai = 0;
      for (let g = 0; g < gpus.length; g++) {
        const s = gpus[g]!;
        const rented = chunk.rented[g]![k]!;
        s.rented = rented;
        const kw = s.idleKw + rented * s.busyKwPerGpu;
        kwh += kw;
        siteKw[s.siteIndex]! += kw;
        ai += rented * s.usdPerGpuH;
      }
      r.miningRevenueUsd += revenue;
      r.aiRevenueUsd += ai;
      r.energyCostUsd += (kwh * price) / 1000;
      r.mwh += kwh / 1000;
      if (curtailed > 0) r.curtailedHours++;
      if (siteKw.some((kw, si) => kw > capKw[si]! + 1e-6)) r.overCapHours++;
      r.curtailedDeviceHours += curtailed;
      if (hourly || (t + 1) % 24 === 0 || t === T - 1) {
        r.cumulative.push({
          ts: series.startMs + (t + 1) * HOUR_MS,
          profitUsd: r.miningRevenueUsd + r.aiRevenueUsd - r.energyCostUsd - r.switchCostUsd,
        });
      }
    }
    t0 = chunk.t1;
    yield t0;
  }
  r.revenueUsd = r.miningRevenueUsd + r.aiRevenueUsd;
  r.profitUsd = r.revenueUsd - r.energyCostUsd - r.switchCostUsd;
  return r;
}

type SiteCap = { capKw: number; fixedKw: number; curtailable: boolean };

/**
 * The reference policies under the same caps as the optimizer: in every hour a site whose
 * decided load exceeds its cap at the meter sheds load, least efficient first (what Proto Fleet
 * does to a fixed kW): miners are curtailed (at a non-curtailable site they drop to their lowest
 * power profile instead), then rented GPUs are released, lowest $ per kW first. Rewrites the chunk
 * in place and returns the miner-hours shed. Idle GPU draw and maintenance draw cannot be shed.
 */
function capFitter(miners: Miner[], gpus: Gpu[], sites: SiteCap[]): (chunk: Chunk, n: number) => number {
  const lowest = miners.map((m) => m.kw.reduce((best, kw, p) => (kw < m.kw[best]! ? p : best), 0));
  const eff = (i: number, p: number) => miners[i]!.revPerHp[p]! / Math.max(1e-9, miners[i]!.kw[p]!);
  const minersBySite = sites.map(() => [] as number[]);
  miners.forEach((m, i) => {
    minersBySite[m.siteIndex]!.push(i);
  });
  const gpusBySite = sites.map(() => [] as number[]);
  gpus.forEach((g, i) => {
    gpusBySite[g.siteIndex]!.push(i);
  });
  for (const list of gpusBySite)
    list.sort(
      (a, b) => gpus[a]!.usdPerGpuH / gpus[a]!.busyKwPerGpu - gpus[b]!.usdPerGpuH / gpus[b]!.busyKwPerGpu,
    );
  return (chunk, n) => {
    let shed = 0;
    for (let s = 0; s < sites.length; s++) {
      const { capKw, fixedKw, curtailable } = sites[s]!;
      const ms = minersBySite[s]!;
      const gs = gpusBySite[s]!;
      for (let k = 0; k < n; k++) {
        let kw = fixedKw;
        for (const i of ms) {
          const p = chunk.profiles[i]![k]!;
          if (p >= 0) kw += miners[i]!.kw[p]!;
        }
        for (const g of gs) kw += gpus[g]!.idleKw + chunk.rented[g]![k]! * gpus[g]!.busyKwPerGpu;
        if (kw <= capKw + 1e-9) continue;
        // Least efficient running miners first (ties: the later device, so the order is stable).
        const running = ms
          .filter((i) => chunk.profiles[i]![k]! >= 0 && (curtailable || chunk.profiles[i]![k]! !== lowest[i]))
          .sort((a, b) => eff(a, chunk.profiles[a]![k]!) - eff(b, chunk.profiles[b]![k]!) || b - a);
        for (const i of running) {
          if (kw <= capKw + 1e-9) break;
          const row = chunk.profiles[i]!;
          const to = curtailable ? -1 : lowest[i]!;
          kw -= miners[i]!.kw[row[k]!]! - (to >= 0 ? miners[i]!.kw[to]! : 0);
          row[k] = to;
          if (to < 0) shed++;
        }
        for (const g of gs) {
          if (kw <= capKw + 1e-9) break;
          const row = chunk.rented[g]!;
          const per = gpus[g]!.busyKwPerGpu;
          const release = per > 0 ? Math.min(row[k]!, Math.ceil((kw - capKw - 1e-9) / per)) : 0;
          row[k] = row[k]! - release;
          kw -= release * per;
        }
      }
    }
    return shed;
  };
}

function fill(n: number, rows: number, value: (row: number) => number): number[][] {
  return Array.from({ length: rows }, (_, i) => new Array<number>(n).fill(value(i)));
}

function chunker(
  base: AllocationInput,
  series: BacktestSeries,
  policy: BacktestPolicy,
  miners: Miner[],
  gpus: Gpu[],
  curtailable: boolean[],
  engine: { hysteresis: Record<MinerClass, Hysteresis>; holdTimes: boolean },
): (t0: number) => Chunk {
  const T = series.priceUsdPerMwh.length;
  // The reference policies know nothing of AI economics: every GPU with a rental market is rented
  // every hour (their "always on"), so the comparison isolates what the optimizer decides.
  const keepRental = (n: number) => gpus.map((g) => new Array<number>(n).fill(g.maxRent));
  if (policy.kind === 'always-mine') {
    return (t0) => {
      const n = Math.min(24, T - t0);
      return {
        t1: t0 + n,
        profiles: fill(n, miners.length, (i) => miners[i]!.nominal),
        rented: keepRental(n),
      };
    };
  }
  if (policy.kind === 'strike') {
    // One on/off state per site: curtail every miner in hours priced above the strike, but keep a
    // state at least minHoldH hours once switched. Sites that cannot shed load always mine.
    const minHold = policy.minHoldH ?? 0;
    const on = curtailable.map(() => true);
    const held = curtailable.map(() => Number.POSITIVE_INFINITY);
    return (t0) => {
      const n = Math.min(24, T - t0);
      const bySite = curtailable.map(() => new Array<boolean>(n));
      for (let k = 0; k < n; k++) {
        const want = series.priceUsdPerMwh[t0 + k]! <= policy.strikeUsdPerMwh;
        curtailable.forEach((c, s) => {
          if (c && want !== on[s] && held[s]! >= minHold) {
            on[s] = want;
            held[s] = 0;
          }
          held[s]!++;
          bySite[s]![k] = on[s]!;
        });
      }
      const profiles = miners.map((m) => bySite[m.siteIndex]!.map((o) => (o ? m.nominal : -1)));
      return { t1: t0 + n, profiles, rented: keepRental(n) };
    };
  }
  const lookahead = policy.lookahead !== false;
  const minerIndex = new Map(miners.map((m, i) => [m.device.deviceId, i]));
  const gpuIndex = new Map(gpus.map((g, i) => [g.device.deviceId, i]));
  const maintenance = base.devices.filter((d) => d.maintenance);
  return (t0) => {
    // Day-ahead prices for day D+1 are published at noon (UTC here) of day D: a plan made before
    // noon sees to the end of today, one made at noon to the end of tomorrow; it is kept until the
    // next noon. Without look-ahead each hour is planned on its own price.
    let horizon = 1;
    let commit = 1;
    if (lookahead) {
      const hourOfDay = Math.floor((series.startMs + t0 * HOUR_MS) / HOUR_MS) % 24;
      horizon = hourOfDay < 12 ? 24 - hourOfDay : 48 - hourOfDay;
      commit = hourOfDay < 12 ? 12 - hourOfDay : 36 - hourOfDay;
    }
    horizon = Math.min(horizon, T - t0);
    commit = Math.min(commit, horizon);
    const devices: AllocationDevice[] = [...maintenance];
    for (const m of miners) {
      const sinceMin = Math.round(m.sinceH * 60);
      const state: CurrentState =
        m.profile >= 0 ? { kind: 'mine', powerW: m.powerW[m.profile]!, sinceMin } : { kind: 'off', sinceMin };
      devices.push({ ...m.device, state });
    }
    for (const g of gpus) devices.push({ ...g.device, state: { kind: 'gpu', rentedGpus: g.rented } });
    const prices = series.priceUsdPerMwh.slice(t0, t0 + horizon);
    const result = planHeuristic(
      {
        ...base,
        startMs: series.startMs + t0 * HOUR_MS,
        intervalMin: 60,
        intervals: horizon,
        hashpriceUsdPerPhDay: series.hashpriceUsdPerPhDay[t0]!,
        sites: base.sites.map((s) => ({ ...s, priceUsdPerMwh: prices, quietIntervals: [] })),
        devices,
        jobs: [],
        hysteresis: engine.hysteresis,
        constraints: { holdTimes: engine.holdTimes, guardrails: false },
      },
      // Hourly re-plans of a year: the gap bound is not shown anywhere, so not computed.
      { bound: false },
    );
    const profiles = miners.map((m) => new Array<number>(commit).fill(m.profile));
    const rented = gpus.map(() => new Array<number>(commit).fill(0));
    for (const row of result.plan.miners) {
      const i = minerIndex.get(row.deviceId);
      if (i !== undefined) profiles[i] = row.profileByInterval.slice(0, commit);
    }
    for (const row of result.plan.gpus) {
      const i = gpuIndex.get(row.deviceId);
      if (i !== undefined) rented[i] = row.rentedByInterval.slice(0, commit);
    }
    return { t1: t0 + commit, profiles, rented };
  };
}

/** Runs every policy to the end (tests, bench); the job runner drives the generators itself. */
export function runBacktest(
  base: AllocationInput,
  series: BacktestSeries,
  policies: BacktestPolicy[],
  options: BacktestOptions = {},
): PolicyResult[] {
  return policies.map((p) => {
    const it = replayPolicy(base, series, p, options);
    for (;;) {
      const step = it.next();
      if (step.done) return step.value;
    }
  });
}
