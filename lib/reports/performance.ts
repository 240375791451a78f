// Fleet performance per device per local day: average hashrate and power, energy, efficiency J/TH,
// and uptime from the recorded status changes (online or degraded counts as up). Pure.
import { dayOf, type LocalDay } from './days';
import { type DeviceHour, getOrInit, round, type SiteInfo } from './facts';
import type { Section } from './types';

export type StatusChange = { deviceId: number; ts: number; fromStatus: string; toStatus: string };
const UP = new Set(['online', 'degraded']);

/** Share of [startMs, endMs) the device was up, from its sorted changes and its status at startMs. */
export function uptimeShare(
  initial: string,
  changes: readonly StatusChange[],
  startMs: number,
  endMs: number,
) {
  if (endMs <= startMs) return 0;
  let status = initial;
  let at = startMs;
  let upMs = 0;
  for (const c of changes) {
    if (c.ts <= startMs) {
      status = c.toStatus;
      continue;
    }
    if (c.ts >= endMs) break;
    if (UP.has(status)) upMs += c.ts - at;
    status = c.toStatus;
    at = c.ts;
  }
  if (UP.has(status)) upMs += endMs - at;
  return upMs / (endMs - startMs);
}

export type PerformanceInputs = {
  hours: readonly DeviceHour[];
  devices: ReadonlyMap<number, { name: string; serial: string; deviceClass: string }>;
  sites: ReadonlyMap<number, SiteInfo>;
  daysBySite: ReadonlyMap<number, LocalDay[]>;
  /** Sorted changes per device, and each device's status at the range start. */
  changes: ReadonlyMap<number, StatusChange[]>;
  initialStatus: ReadonlyMap<number, string>;
};

type Acc = {
  deviceId: number;
  day: LocalDay;
  hours: number;
  hashSum: number;
  hashN: number;
  powerSum: number;
  powerN: number;
};

export function buildPerformance(input: PerformanceInputs): {
  sections: Section[];
  totals: Record<string, number | null>;
} {
  const acc = new Map<string, Acc>();
  for (const h of input.hours) {
    const day = dayOf(input.daysBySite.get(h.siteId) ?? [], h.hourMs);
    if (!day) continue;
    const key = `${h.deviceId}|${day.date}`;
    const a = getOrInit(acc, key, () => ({
      deviceId: h.deviceId,
      day,
      hours: 0,
      hashSum: 0,
      hashN: 0,
      powerSum: 0,
      powerN: 0,
    }));
    a.hours += 1;
    if (h.hashrateThs !== null) {
      a.hashSum += h.hashrateThs;
      a.hashN += 1;
    }
    if (h.powerW !== null) {
      a.powerSum += h.powerW;
      a.powerN += 1;
    }
  }
  let totalKwh = 0;
  let totalThH = 0;
  let upWeighted = 0;
  let upHours = 0;
  const rows = [...acc.values()].map((a) => {
    const device = input.devices.get(a.deviceId);
    const siteId = [...input.daysBySite].find(([, days]) => days.includes(a.day))?.[0];
    const hashrateThs = a.hashN > 0 ? a.hashSum / a.hashN : null;
    const powerW = a.powerN > 0 ? a.powerSum / a.powerN : null;
    const energyKwh = a.powerSum / 1000;
    totalKwh += energyKwh;
    totalThH += a.hashSum;
    const uptime = uptimeShare(
      input.initialStatus.get(a.deviceId) ?? 'offline',
      input.changes.get(a.deviceId) ?? [],
      a.day.startMs,
      a.day.endMs,
    );
    const dayHours = (a.day.endMs - a.day.startMs) / 3_600_000;
    upWeighted += uptime * dayHours;
    upHours += dayHours;
    return {
      date: a.day.date,
      site: siteId === undefined ? '' : (input.sites.get(siteId)?.name ?? ''),
      device: device?.name ?? String(a.deviceId),
      serial: device?.serial ?? '',
      class: device?.deviceClass ?? '',
      hoursReported: a.hours,
      dayHours,
      hashrateThs: round(hashrateThs, 4),
      powerW: round(powerW, 2),
      energyKwh: round(energyKwh, 4),
      efficiencyJPerTh: hashrateThs && powerW !== null ? round(powerW / hashrateThs, 3) : null,
      uptimePct: round(uptime * 100, 3),
    };
  });
  rows.sort(
    (a, b) =>
      a.date.localeCompare(b.date) || a.site.localeCompare(b.site) || a.device.localeCompare(b.device),
  );
  return {
    sections: [
      {
        name: 'devices',
        title: 'Performance per device per day',
        columns: [
          { key: 'date', label: 'Date', type: 'date' },
          { key: 'site', label: 'Site', type: 'string' },
          { key: 'device', label: 'Device', type: 'string' },
          { key: 'serial', label: 'Serial', type: 'string' },
          { key: 'class', label: 'Class', type: 'string' },
          { key: 'hoursReported', label: 'Hours reported', type: 'number', digits: 0 },
          { key: 'dayHours', label: 'Hours in day', type: 'number', digits: 0 },
          { key: 'hashrateThs', label: 'Hashrate', type: 'number', unit: 'TH/s', digits: 2 },
          { key: 'powerW', label: 'Power', type: 'number', unit: 'W', digits: 0 },
          { key: 'energyKwh', label: 'IT energy', type: 'number', unit: 'kWh', digits: 2 },
          { key: 'efficiencyJPerTh', label: 'Efficiency', type: 'number', unit: 'J/TH', digits: 2 },
          { key: 'uptimePct', label: 'Uptime', type: 'number', unit: '%', digits: 1 },
        ],
        rows,
      },
    ],
    totals: {
      itEnergyKwh: round(totalKwh, 3),
      thsHours: round(totalThH, 3),
      efficiencyJPerTh: totalThH > 0 ? round((totalKwh * 1000) / totalThH, 3) : null,
      uptimePct: upHours > 0 ? round((upWeighted / upHours) * 100, 3) : null,
    },
  };
}
