import { figures, type MinerState } from './miner-state';
import type { WhatsminerWriteState } from './whatsminer-writes';

export type CgVariant = 'antminer' | 'braiins' | 'luxos' | 'avalon' | 'whatsminer' | 'cgminer';

/** Malformations seen in the wild (reference §1.8) that a fake can reproduce on demand. */
export type CgQuirk =
  | 'missing_comma'
  | 'bare_nan'
  | 'string_numbers'
  | 'invalid_escape'
  | 'text_only'
  | 'no_multi';

type Obj = Record<string, unknown>;

const DESCRIPTION: Record<CgVariant, string> = {
  antminer: 'bmminer 1.0.0',
  braiins: 'BOSminer+ 0.2.0-36c56a9363',
  luxos: 'LUXminer 2025.4.8.220305-57b389c7',
  avalon: 'cgminer 4.11.1',
  whatsminer: 'btminer',
  cgminer: 'cgminer 4.11.1',
};

const MULTI: Record<CgVariant, boolean> = {
  antminer: false,
  braiins: true,
  luxos: true,
  avalon: true,
  whatsminer: false,
  cgminer: true,
};

export type FakeMiner = {
  variant: CgVariant;
  state: MinerState;
  quirks: CgQuirk[];
  luxSession?: { id: string; atMs: number };
  /** Whatsminer with API writes enabled (admin password set in WhatsMinerTool). */
  whatsminerWrites?: WhatsminerWriteState;
  /** Avalon work level (`ascset|0,worklevel,set,N`); levels scale power (AVALON_LEVEL_SHARE). */
  workLevel?: number;
};

const f2 = (n: number) => Math.round(n * 100) / 100;

function status(m: FakeMiner, sev: string, code: number, msg: string, nowMs: number): Obj {
  return {
    STATUS: sev,
    When: Math.floor(nowMs / 1000),
    Code: code,
    Msg: msg,
    Description: DESCRIPTION[m.variant],
  };
}

function reply(m: FakeMiner, code: number, msg: string, nowMs: number, key?: string, rows?: Obj[]): Obj {
  const r: Obj = { STATUS: [status(m, 'S', code, msg, nowMs)] };
  if (key && rows) r[key] = rows;
  r.id = 1;
  return r;
}

function error(m: FakeMiner, code: number, msg: string, nowMs: number): Obj {
  return { STATUS: [status(m, 'E', code, msg, nowMs)], id: 1 };
}

function summaryRow(m: FakeMiner, nowMs: number): Obj {
  const f = figures(m.state, nowMs);
  const base: Obj = {
    Elapsed: f.elapsedS,
    Accepted: f.accepted,
    Rejected: f.rejected,
    'Hardware Errors': f.hwErrors,
  };
  const ghs = f.hashrateThs * 1000;
  switch (m.variant) {
    case 'antminer':
    case 'luxos':
      // bmminer prints GHS 5s as a string (reference §1.8 C11).
      return { ...base, 'GHS 5s': ghs.toFixed(2), 'GHS av': f2(ghs), 'Best Share': 1000 + f.accepted };
    case 'avalon':
      return { ...base, 'MHS av': f2(ghs * 1000), 'MHS 30s': f2(ghs * 1000), 'MHS 1m': f2(ghs * 1000) };
    case 'whatsminer':
      return {
        ...base,
        'MHS av': f2(ghs * 1000),
        'MHS 5s': f2(ghs * 1000),
        'HS RT': f2(ghs * 1000),
        Temperature: f2(f.boardTempC),
        'Chip Temp Max': f2(f.chipTempC),
        'Env Temp': f2(f.inletTempC),
        'Fan Speed In': Math.round(f.fanRpm),
        'Fan Speed Out': Math.round(f.fanRpm),
        Power: Math.round(f.powerW),
        'Power Limit': Math.round(m.state.powerTargetW),
        'Firmware Version': "'20201202.22.REL'",
        MAC: fakeMac(m).toUpperCase(),
      };
    default:
      return { ...base, 'MHS av': f2(ghs * 1000), 'MHS 5s': f2(ghs * 1000), 'MHS 1m': f2(ghs * 1000) };
  }
}

function poolRows(m: FakeMiner): Obj[] {
  return m.state.pools.map((p, i) => ({
    POOL: m.variant === 'whatsminer' ? i + 1 : i,
    URL: p.url,
    Status: m.state.poolsDead ? 'Dead' : 'Alive',
    Priority: i,
    User: p.user,
    'Stratum Active': !m.state.poolsDead && i === m.state.activePool,
    // Stock S19 quirks (E1.7): duration-string share time and a doubled percent sign.
    ...(m.variant === 'antminer'
      ? { 'Last Share Time': '0:00:02', 'Pool Stale%%': 0.0 }
      : { 'Last Share Time': 0 }),
  }));
}

function statsRows(m: FakeMiner, nowMs: number): Obj[] {
  const f = figures(m.state, nowMs);
  const row: Obj = {
    STATS: 0,
    ID: 'BTM_SOC0',
    miner_id: `80603a0c${m.state.seed.toString(16).padStart(8, '0')}`,
    Elapsed: f.elapsedS,
    'GHS 5s': f2(f.hashrateThs * 1000),
    rate_unit: 'GH',
  };
  for (let c = 1; c <= 3; c++) {
    const b = Math.round(f.boardTempC);
    const ch = Math.round(f.chipTempC);
    row[`temp_pcb${c}`] = `${b - 10}-${b - 8}-${b}-${b - 1}`;
    row[`temp_chip${c}`] = `${ch - 10}-${ch - 9}-${ch}-${ch - 2}`;
    row[`chain_rate${c}`] = ((f.hashrateThs * 1000) / 3).toFixed(2);
  }
  for (let n = 1; n <= 4; n++) row[`fan${n}`] = Math.round(f.fanRpm);
  const header = {
    BMMiner: '1.0.0',
    Miner: '49.0.1.3',
    CompileTime: 'Wed Oct 21 10:18:10 CST 2020',
    Type: 'Antminer S19 Pro',
  };
  return [header, row];
}

function avalonEstats(m: FakeMiner, nowMs: number): Obj[] {
  const f = figures(m.state, nowMs);
  const work = m.state.paused ? 'In Idle' : 'In Work';
  const mm = `Ver[15-194] Elapsed[${f.elapsedS}] SYSTEMSTATU[Work: ${work}, Hash Board: 3] ITemp[${Math.round(f.inletTempC)}] HBITemp[${Math.round(f.boardTempC - 5)}] HBOTemp[${Math.round(f.boardTempC)}] TMax[${Math.round(f.chipTempC)}] Fan1[${Math.round(f.fanRpm)}] Fan2[${Math.round(f.fanRpm)}] FanR[60%] WALLPOWER[${Math.round(f.powerW)}] GHSspd[${(f.hashrateThs * 1000).toFixed(2)}] MPO[${Math.round(m.state.powerTargetW)}] WORKLEVEL[${m.workLevel ?? 2}] Nonce Mask[25]`;
  return [{ 'MM ID0': mm }];
}

/** A stable per-fake MAC (locally administered prefix) so discovery can tell fakes apart. */
export function fakeMac(m: FakeMiner, colons = true): string {
  const seed = m.state.seed;
  const bytes = [0x02, 0x5f, 0xa0, (seed >> 16) & 255, (seed >> 8) & 255, seed & 255];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(colons ? ':' : '');
}

function version(m: FakeMiner, nowMs: number): Obj {
  switch (m.variant) {
    case 'antminer':
      return reply(m, 22, 'BMMiner versions', nowMs, 'VERSION', [
        {
          BMMiner: '1.0.0',
          API: '3.1',
          Miner: '49.0.1.3',
          CompileTime: 'Wed Oct 21 10:18:10 CST 2020',
          Type: 'Antminer S19 Pro',
        },
      ]);
    case 'braiins':
      return reply(m, 22, 'BOSminer+ versions', nowMs, 'VERSION', [
        { 'BOSminer+': '0.2.0-36c56a9363', API: '3.7' },
      ]);
    case 'luxos':
      return reply(m, 22, 'LUXminer versions', nowMs, 'VERSION', [
        {
          API: '3.7',
          BMMiner: '1.0.0',
          LUXminer: '2025.4.8.220305-57b389c7',
          Miner: '2025.4.8',
          Type: 'Antminer S19j Pro',
        },
      ]);
    case 'avalon':
      return reply(m, 22, 'CGMiner versions', nowMs, 'VERSION', [
        {
          CGMiner: '4.11.1',
          API: '3.7',
          PROD: 'AvalonMiner 15-194',
          MODEL: '15-194',
          VERSION: '24102401_25462b2_9ddf522',
          // Avalon prints its MAC without separators and a chip DNA (E1.1).
          DNA: `02010000${m.state.seed.toString(16).padStart(8, '0')}`,
          MAC: fakeMac(m, false),
        },
      ]);
    case 'whatsminer':
      // Whatsminer answers `version` as an invalid command, with a string STATUS (§1.8 C22).
      return {
        STATUS: 'E',
        When: Math.floor(nowMs / 1000),
        Code: 14,
        Msg: 'invalid cmd',
        Description: 'whatsminer v1.1',
      };
    default:
      return reply(m, 22, 'CGMiner versions', nowMs, 'VERSION', [{ CGMiner: '4.11.1', API: '3.7' }]);
  }
}

/** Read commands: the reply object, or undefined when this firmware does not know the command. */
export function readReply(m: FakeMiner, command: string, nowMs: number): Obj | undefined {
  const f = figures(m.state, nowMs);
  switch (command) {
    case 'version':
      return version(m, nowMs);
    case 'summary':
      return reply(m, 11, 'Summary', nowMs, 'SUMMARY', [summaryRow(m, nowMs)]);
    case 'pools':
      return reply(m, 7, `${m.state.pools.length} Pool(s)`, nowMs, 'POOLS', poolRows(m));
    case 'devs':
      return reply(
        m,
        9,
        '3 ASC(s)',
        nowMs,
        'DEVS',
        [0, 1, 2].map((i) => ({
          ASC: i,
          Temperature: f2(f.chipTempC),
          'MHS 5s': f2(f.hashrateThs * 333_333),
        })),
      );
    case 'stats':
      if (m.variant === 'avalon')
        return reply(m, 70, 'CGMiner stats', nowMs, 'STATS', avalonEstats(m, nowMs));
      if (m.variant === 'antminer' || m.variant === 'luxos')
        return reply(m, 70, 'CGMiner stats', nowMs, 'STATS', statsRows(m, nowMs));
      return undefined;
    case 'estats':
      return m.variant === 'avalon'
        ? reply(m, 70, 'CGMiner stats', nowMs, 'STATS', avalonEstats(m, nowMs))
        : undefined;
    case 'temps':
      if (m.variant === 'braiins')
        return reply(
          m,
          201,
          '3 Temp(s)',
          nowMs,
          'TEMPS',
          [6, 7, 8].map((id, i) => ({ ID: id, TEMP: i, Board: f2(f.boardTempC), Chip: f2(f.chipTempC) })),
        );
      return undefined;
    case 'fans':
      if (m.variant === 'braiins')
        return reply(
          m,
          202,
          '4 Fan(s)',
          nowMs,
          'FANS',
          [0, 1, 2, 3].map((i) => ({ FAN: i, ID: i, RPM: Math.round(f.fanRpm), Speed: 100 })),
        );
      return undefined;
    case 'tunerstatus':
      if (m.variant === 'braiins')
        return reply(m, 203, 'Tuner Status', nowMs, 'TUNERSTATUS', [
          {
            PowerLimit: Math.round(m.state.powerTargetW),
            ApproximateMinerPowerConsumption: Math.round(f.powerW),
            DynamicPowerScaling: 'Disabled',
          },
        ]);
      return undefined;
    case 'power':
      return m.variant === 'luxos'
        ? reply(m, 311, 'Power usage', nowMs, 'POWER', [{ PSU: false, Watts: Math.round(f.powerW) }])
        : undefined;
    default:
      return undefined;
  }
}

export function supportsMulti(m: FakeMiner): boolean {
  return MULTI[m.variant] && !m.quirks.includes('no_multi');
}

export { error as errorReply, reply as okReply, status as statusObject };
