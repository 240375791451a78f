// The unit every money and performance report sums: one device for one hour, with the site, the
// tenant holding it then, what it was doing then, and its measured average power and hashrate.

export type Work = 'mining' | 'ai' | 'none';

export type DeviceHour = {
  deviceId: number;
  siteId: number;
  hourMs: number;
  tenantId: number | null;
  work: Work;
  poolFeePct: number;
  powerW: number | null;
  hashrateThs: number | null;
};

/**
 * Device-hours summed over the devices that shared site, tenant, work and pool fee in one hour
 * (lib/reports/hour-sums.ts): power and hashrate are the sums, `deviceHours` how many were added.
 */
export type HourSum = Omit<DeviceHour, 'deviceId'> & { deviceHours: number };

export type SiteInfo = { id: number; name: string; timezone: string; pue: number; poolFeePct: number };
export type TenantInfo = {
  id: number;
  name: string;
  hostingRateUsdPerKwh: number | null;
  hostingRateUsdPerDeviceMonth: number | null;
};

/** IT energy of one device-hour (avg power × 1 h); PUE is applied where the site's energy is billed. */
export function itKwh(h: Pick<DeviceHour, 'powerW'>): number {
  return (h.powerW ?? 0) / 1000;
}

export function round(value: number | null, digits = 6): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** The map's value for `key`, created with `init` on first use. */
export function getOrInit<K, V>(map: Map<K, V>, key: K, init: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = init();
    map.set(key, value);
  }
  return value;
}
