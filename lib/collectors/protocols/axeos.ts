import { GHS_TO_THS, max, mean, round, toNumber, validTemp } from './numbers';
import { fail, guarded, ok, type Parsed, type ParseError, type Reading } from './result';

export type AxeosInfo = {
  reading: Reading;
  bestDiff?: number;
  bestSessionDiff?: number;
  frequencyMhz?: number;
  coreVoltageMv?: number;
  inputVoltageV?: number;
  currentA?: number;
  uptimeS?: number;
  firmware?: string;
  asicModel?: string;
  hostname?: string;
  macAddress?: string;
  paused: boolean;
};

const SUFFIX: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/**
 * `bestDiff` is a number since v2.11 and a string before: `"483k"`, `"4.29G"`, `"483.12k"`,
 * `"4.29 G"`, `"512 "` (reference §2.3); `%.3g` may even print `"1e+03k"`.
 */
export function parseDifficulty(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d*\.?\d+(?:[eE][-+]?\d+)?)\s*([kKMGTPE]?)\s*$/.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]) * SUFFIX[m[2]!]!;
  return Number.isFinite(n) ? n : undefined;
}

type Obj = Record<string, unknown>;

function poolUrlOf(info: Obj): string | undefined {
  const fallback = toNumber(info.isUsingFallbackStratum) === 1;
  // v2.15 lists pools; the flat stratum* fields stay for older firmware (§2.2).
  if (Array.isArray(info.pools)) {
    const index = toNumber(fallback ? info.secondaryPoolIndex : info.primaryPoolIndex);
    const pool = info.pools.find((p: Obj) => toNumber(p?.id) === index) as Obj | undefined;
    if (pool && typeof pool.stratumURL === 'string')
      return stratumUrl(pool.stratumURL, toNumber(pool.stratumPort), toNumber(pool.stratumTLS));
  }
  const url = fallback ? info.fallbackStratumURL : info.stratumURL;
  const port = toNumber(fallback ? info.fallbackStratumPort : info.stratumPort);
  const tls = toNumber(fallback ? info.fallbackStratumTLS : info.stratumTLS);
  return typeof url === 'string' && url !== '' ? stratumUrl(url, port, tls) : undefined;
}

function stratumUrl(host: string, port: number | undefined, tls: number | undefined): string {
  const bare = host.replace(/^stratum\+(tcp|ssl|tls):\/\//, '');
  const scheme = tls !== undefined && tls > 0 ? 'stratum+ssl' : 'stratum+tcp';
  return `${scheme}://${bare}${port ? `:${port}` : ''}`.slice(0, 300);
}

/**
 * `/api/system/info` across firmware v2.0 … v2.15 (reference §2.2, §2.3, §2.6): GH/s → TH/s,
 * mV → V, mA → A; −1 chip temperatures and a 0 regulator temperature mean "no sensor".
 */
export function parseAxeosInfo(body: string, now: number): Parsed<AxeosInfo> {
  return guarded(() => {
    const trimmed = body.trim();
    if (trimmed === '') return fail('empty', 'empty body');
    if (trimmed.startsWith('<')) return fail('html', 'HTML page instead of JSON');
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return fail('not_json', 'body is not JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return fail('not_json', 'body is not a JSON object');
    const info = parsed as Obj;
    const ghs = toNumber(info.hashRate);
    if (ghs === undefined && toNumber(info.power) === undefined)
      return fail('no_data', 'no hashRate or power: not an AxeOS system info');
    const flags: string[] = [];
    const chip = max(
      [info.temp, info.temp2].map((t) => validTemp(toNumber(t))).filter((t) => t !== 0 && t !== -1),
    );
    const vr = toNumber(info.vrTemp);
    const fans = [toNumber(info.fanrpm), toNumber(info.fan2rpm)].filter((v) => v !== undefined && v > 0);
    const paused = info.miningPaused === true;
    const fault =
      typeof info.power_fault === 'string' ||
      typeof info.hardware_fault === 'string' ||
      toNumber(info.overheat_mode) === 1;
    if (fault) flags.push('fault');
    const reading: Reading = { ts: now };
    if (ghs !== undefined && ghs >= 0) reading.hashrateThs = round(ghs * GHS_TO_THS, 6);
    const power = toNumber(info.power);
    if (power !== undefined && power >= 0) reading.powerW = round(power, 3);
    if (chip !== undefined) reading.chipTempC = round(chip, 3);
    if (vr !== undefined && vr !== 0 && validTemp(vr) !== undefined) reading.boardTempC = round(vr, 3);
    if (fans.length) reading.fanRpm = round(mean(fans)!, 1);
    const accepted = toNumber(info.sharesAccepted);
    const rejected = toNumber(info.sharesRejected);
    if (accepted !== undefined && accepted >= 0) reading.acceptedShares = Math.round(accepted);
    if (rejected !== undefined && rejected >= 0) reading.rejectedShares = Math.round(rejected);
    const poolUrl = poolUrlOf(info);
    if (poolUrl) reading.poolUrl = poolUrl;
    reading.status = fault ? 'error' : paused ? 'curtailed' : ghs === 0 ? 'idle' : 'ok';
    const mv = toNumber(info.voltage);
    const ma = toNumber(info.current);
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    return ok(
      {
        reading,
        bestDiff: parseDifficulty(info.bestDiff),
        bestSessionDiff: parseDifficulty(info.bestSessionDiff),
        frequencyMhz: toNumber(info.frequency),
        coreVoltageMv: toNumber(info.coreVoltage),
        inputVoltageV: mv === undefined ? undefined : round(mv / 1000, 4),
        currentA: ma === undefined ? undefined : round(ma / 1000, 6),
        uptimeS: toNumber(info.uptimeSeconds),
        firmware: str(info.axeOSVersion) ?? str(info.version),
        asicModel: str(info.ASICModel),
        hostname: str(info.hostname),
        macAddress: str(info.macAddr),
        paused,
      },
      flags,
    );
  });
}

export type AxeosAsic = {
  asicModel?: string;
  deviceModel?: string;
  asicCount?: number;
  frequencyOptionsMhz: number[];
  voltageOptionsMv: number[];
};

/** `/api/system/asic` (v2.7+): the presets the UI offers for a power-target change. */
export function parseAxeosAsic(body: string): Parsed<AxeosAsic> {
  return guarded(() => {
    let v: unknown;
    try {
      v = JSON.parse(body);
    } catch {
      return fail('not_json', 'body is not JSON');
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail('not_json', 'not an object');
    const o = v as Obj;
    const nums = (a: unknown) =>
      Array.isArray(a) ? a.map(toNumber).filter((n): n is number => n !== undefined) : [];
    return ok({
      asicModel: typeof o.ASICModel === 'string' ? o.ASICModel : undefined,
      deviceModel: typeof o.deviceModel === 'string' ? o.deviceModel : undefined,
      asicCount: toNumber(o.asicCount),
      frequencyOptionsMhz: nums(o.frequencyOptions),
      voltageOptionsMv: nums(o.voltageOptions),
    });
  });
}

/** Maps an HTTP status from an AxeOS device to a typed error; 401 is its private-network check (§2.1, A6). */
export function axeosHttpError(status: number): ParseError | undefined {
  if (status >= 200 && status < 300) return undefined;
  if (status === 401)
    return {
      kind: 'unauthorized_network',
      message:
        'AxeOS refused the request (401): it only answers clients from private networks (10/8, 172.16/12, 192.168/16) without a foreign Origin header; poll it from a site agent on the same LAN',
      code: 401,
    };
  return { kind: 'device_error', message: `HTTP ${status}`, code: status };
}
