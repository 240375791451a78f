import type { AxeosFakeState } from './axeos-fake';
import { figures, type MinerState } from './miner-state';

/** Firmware generations whose `/api/system/info` differs in ways parsers must handle (§2.3). */
export type AxeosVersion = '2.4' | '2.10' | '2.15';

function suffixed(n: number, space: boolean): string {
  const units = ['', 'k', 'M', 'G', 'T', 'P'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return space ? `${n.toFixed(2)} ${units[i]}` : `${n.toPrecision(3).replace(/\.?0+$/, '')}${units[i]}`;
}

function pool(state: MinerState, index: number) {
  const p = state.pools[index] ?? state.pools[0]!;
  const m = /^(?:stratum\+\w+:\/\/)?([^:/]+):?(\d+)?/.exec(p.url);
  return { host: m?.[1] ?? p.url, port: Number(m?.[2] ?? 3333), user: p.user };
}

/** Builds the info object as the given firmware generation prints it (field names, types, units). */
export function axeosInfo(
  version: AxeosVersion,
  state: MinerState,
  fake: AxeosFakeState,
  nowMs: number,
): Record<string, unknown> {
  const f = figures(state, nowMs);
  const bestDiff = 4_290_135_862;
  const session = 81_234_567;
  const primary = pool(state, state.activePool);
  const fallback = pool(state, state.activePool === 0 ? 1 : 0);
  const common = {
    power: Math.round(f.powerW * 1e7) / 1e7,
    voltage: 5296.875,
    current: Math.round((f.powerW / 1.15) * 1000 * 100) / 100,
    temp: state.paused ? -1 : Math.round(f.chipTempC * 100) / 100,
    vrTemp: Math.round(f.boardTempC),
    hashRate: Math.round(f.hashrateThs * 1000 * 100) / 100,
    sharesAccepted: f.accepted,
    sharesRejected: f.rejected,
    uptimeSeconds: f.elapsedS,
    coreVoltage: 1150,
    frequency: fake.frequencyMhz,
    fanrpm: Math.round(f.fanRpm),
    ASICModel: 'BM1370',
    hostname: `bitaxe-${state.seed}`,
    macAddr: `D8:3B:DA:${[state.seed >> 16, state.seed >> 8, state.seed].map((b) => (b & 255).toString(16).padStart(2, '0').toUpperCase()).join(':')}`,
    stratumURL: primary.host,
    stratumPort: primary.port,
    stratumUser: primary.user,
    fallbackStratumURL: fallback.host,
    fallbackStratumPort: fallback.port,
    fallbackStratumUser: fallback.user,
    isUsingFallbackStratum: 0,
  };
  if (version === '2.4')
    return {
      ...common,
      version: 'v2.4.5',
      bestDiff: suffixed(bestDiff, false),
      bestSessionDiff: suffixed(session, false),
      fanspeed: 62,
      stratumDiff: 1000,
      asicCount: 1,
      flipscreen: 1,
    };
  if (version === '2.10')
    return {
      ...common,
      version: 'v2.10.1',
      axeOSVersion: 'v2.10.1',
      temp2: -1,
      bestDiff: suffixed(bestDiff, true),
      bestSessionDiff: suffixed(session, true),
      poolDifficulty: 2048,
      fanspeed: 62,
      responseTime: 41.7,
    };
  const h = common.hashRate;
  return {
    ...common,
    version: 'v2.15.0',
    axeOSVersion: 'v2.15.0',
    temp2: -1,
    fan2rpm: 0,
    hashRate_1m: h,
    hashRate_10m: h,
    hashRate_1h: h,
    bestDiff,
    bestSessionDiff: session,
    poolDifficulty: 2048,
    miningPaused: state.paused,
    primaryPoolIndex: 0,
    secondaryPoolIndex: 1,
    pools: [primary, fallback].map((p, id) => ({
      id,
      stratumProtocol: 'SV1',
      stratumURL: p.host,
      stratumPort: p.port,
      stratumUser: p.user,
      stratumPassword: '*****',
      stratumTLS: 0,
    })),
  };
}
