import type { Row } from './cgminer-envelope';
import { dashNumbers, GHS_TO_THS, max, mean, round, toNumber, validTemp } from './numbers';

export type StatsFields = {
  hashrateThs?: number;
  chipTempC?: number;
  boardTempC?: number;
  inletTempC?: number;
  fanRpm?: number;
  powerW?: number;
  powerLimitW?: number;
  idle?: boolean;
};

/** Zero means "no sensor on this slot" in bmminer stats (empty chains report 0 or "0-0-0-0"). */
const sensor = (v: number | undefined) => (v === 0 ? undefined : validTemp(v));

function readings(row: Row, pattern: RegExp): number[] {
  const out: number[] = [];
  for (const [key, value] of Object.entries(row)) {
    if (!pattern.test(key)) continue;
    if (typeof value === 'string' && value.includes('-', 1)) {
      for (const n of dashNumbers(value)) {
        const t = sensor(n);
        if (t !== undefined) out.push(t);
      }
    } else {
      const t = sensor(toNumber(value));
      if (t !== undefined) out.push(t);
    }
  }
  return out;
}

/**
 * bmminer-style `stats` (stock Antminer, LuxOS, clones): element 0 is a version header, the data
 * row has `GHS 5s`, `tempN`/`temp2_N` or the S19 dash-joined `temp_pcbN`/`temp_chipN`, `fanN`.
 * Chain and fan slots are not 1..3 on every model (S9 uses 6–8, §1.8 C15): read every slot.
 */
export function bmminerStats(rows: Row[]): StatsFields {
  const row = rows.find((r) => r.ID !== undefined || r['GHS 5s'] !== undefined || r.chain !== undefined);
  if (!row) return {};
  const chip = [
    ...readings(row, /^temp2_\d+$/),
    ...readings(row, /^temp_chip\d+$/),
    ...(Array.isArray(row.chain)
      ? row.chain.flatMap((c: Row) =>
          Array.isArray(c.temp_chip) ? c.temp_chip.map((t) => sensor(toNumber(t))) : [],
        )
      : []
    ).filter((t): t is number => t !== undefined),
  ];
  const board = [
    ...readings(row, /^temp\d+$/),
    ...readings(row, /^temp_pcb\d+$/),
    ...readings(row, /^temp_out_pcb_\d+$/),
  ];
  const inlet = readings(row, /^temp_in_pcb_\d+$/);
  const fans = Object.entries(row)
    .filter(([k]) => /^fan\d+$/.test(k))
    .map(([, v]) => toNumber(v))
    .filter((v): v is number => v !== undefined && v > 0);
  const ghs = toNumber(row['GHS 5s']) ?? toNumber(row.rate_5s) ?? toNumber(row['GHS av']);
  const unit = typeof row.rate_unit === 'string' && /^MH/i.test(row.rate_unit) ? 1e-6 : GHS_TO_THS;
  return {
    hashrateThs: ghs === undefined ? undefined : round(ghs * unit),
    chipTempC: max(chip),
    boardTempC: max(board),
    inletTempC: inlet.length ? Math.min(...inlet) : undefined,
    fanRpm: fans.length ? mean(fans) : undefined,
    powerW: toNumber(row.total_power),
  };
}

/**
 * Avalon packs its data in one string under `MM ID0` / `MM ID0:Summary`, `Key[value] Key[v1 v2] …`
 * (reference §1.5). Keys may contain a space (`Nonce Mask[25]`), so a key is everything between
 * the previous `]` and the next `[`.
 */
export function parseAvalonMm(text: string): Record<string, string> {
  const body = text.replace(/^'STATS':\{/, '').replace(/\}$/, '');
  const out: Record<string, string> = {};
  let i = 0;
  while (i < body.length) {
    const open = body.indexOf('[', i);
    if (open < 0) break;
    const close = body.indexOf(']', open);
    if (close < 0) break;
    const key = body.slice(i, open).trim();
    if (key) out[key] = body.slice(open + 1, close).trim();
    i = close + 1;
  }
  return out;
}

const first = (v: string | undefined) => (v === undefined ? undefined : toNumber(v.split(/\s+/)[0]));

export function avalonStats(rows: Row[]): StatsFields {
  const merged: Record<string, string> = {};
  for (const row of rows)
    for (const [key, value] of Object.entries(row))
      if (key.startsWith('MM ID') && typeof value === 'string') Object.assign(merged, parseAvalonMm(value));
  if (Object.keys(merged).length === 0) return {};
  const fans = ['Fan1', 'Fan2', 'Fan3', 'Fan4']
    .map((k) => first(merged[k]))
    .filter((v) => v !== undefined && v > 0);
  const ps = merged.PS?.split(/\s+/).map(toNumber);
  const ghs = first(merged.GHSspd);
  return {
    hashrateThs: ghs === undefined ? undefined : round(ghs * GHS_TO_THS),
    chipTempC: sensor(first(merged.TMax)),
    boardTempC: sensor(max([first(merged.HBOTemp), first(merged.HBITemp)])),
    inletTempC: sensor(first(merged.ITemp) ?? first(merged.Temp)),
    fanRpm: fans.length ? mean(fans) : undefined,
    // WALLPOWER is the wall reading; PS's last field is watts on the captures seen (reference [U]).
    powerW: first(merged.WALLPOWER) ?? ps?.[ps.length - 1],
    powerLimitW: first(merged.MPO),
    idle: /In Idle/i.test(merged.SYSTEMSTATU ?? ''),
  };
}

/** Braiins `temps`/`fans`/`tunerstatus` and LuxOS `temps`/`fans`/`power` extra commands. */
export function vendorExtras(sections: Record<string, Row[]>): StatsFields {
  const temps = sections.TEMPS ?? [];
  const chip = temps.map((t) => sensor(toNumber(t.Chip)));
  const board = temps.flatMap((t) =>
    ['Board', 'TopLeft', 'TopRight', 'BottomLeft', 'BottomRight'].map((k) => sensor(toNumber(t[k]))),
  );
  const fans = (sections.FANS ?? []).map((f) => toNumber(f.RPM)).filter((v) => v !== undefined && v > 0);
  const tuner = sections.TUNERSTATUS?.[0];
  const power = sections.POWER?.[0];
  return {
    chipTempC: max(chip),
    boardTempC: max(board),
    fanRpm: fans.length ? mean(fans) : undefined,
    powerW: toNumber(power?.Watts) ?? toNumber(tuner?.ApproximateMinerPowerConsumption),
    powerLimitW: toNumber(tuner?.PowerLimit),
  };
}
