// Pure mapping from stored rows (device + latest state + workload) to evaluation subjects.
import type { Subject } from './types';

export type DeviceRow = {
  id: number;
  siteId: number;
  rackId: number | null;
  modelId: number;
  tenantId: number | null;
  deviceStatus: string;
  class: 'asic' | 'micro' | 'gpu';
  nominalHashrateThs: number | null;
  maxTempC: number | null;
  /** When the device was added (ms): a device that never reported counts as unseen since then. */
  createdAt: number;
  ts: number | null;
  hashrateThs: number | null;
  powerW: number | null;
  chipTempC: number | null;
  boardTempC: number | null;
  gpuTempC: number | null;
  fanRpm: number | null;
  reportedStatus: string | null;
  workload: string | null;
  /** How the device is reached (`cgminer`, `axeos`, `dcgm`, `push`). */
  protocol: string;
  /** The collector (server or site agent) polls it: it has a host and a port. */
  polled: boolean;
  /** The active pool of the latest sample; absent when the miner reported no live pool. */
  poolUrl: string | null;
};

/**
 * Protocols whose readings say whether any pool is alive: the cgminer family reports each pool's
 * `Status`, and the collector leaves `poolUrl` out of a sample when no pool is stratum-active or
 * alive. AxeOS reports its configured pool whatever the connection; push and DCGM say nothing, nor
 * does a device that pushes its own samples (no endpoint the collector polls).
 */
const POOL_LIVENESS_PROTOCOLS = new Set(['cgminer']);

/** Whether a device's samples say anything about pool liveness (`poolDown` is null otherwise). */
export const reportsPoolLiveness = (row: Pick<DeviceRow, 'class' | 'polled' | 'protocol'>) =>
  row.class !== 'gpu' && row.polled && POOL_LIVENESS_PROTOCOLS.has(row.protocol);

const INTENT_WORKLOADS = new Set(['curtail', 'idle', 'maintenance']);
const INTENT_STATUSES = new Set(['curtailed', 'maintenance']);

/**
 * Curtailed, idle or in maintenance on purpose: by the current assignment (a plan, a rule or a
 * person), by the device's status, or by what a fresh sample says. A stale reported status does
 * not count: a miner that last said "curtailed" and then vanished is offline, not curtailed.
 */
export function isIntentional(row: DeviceRow, fresh: boolean): boolean {
  return (
    (row.workload !== null && INTENT_WORKLOADS.has(row.workload)) ||
    INTENT_STATUSES.has(row.deviceStatus) ||
    (fresh && row.reportedStatus !== null && INTENT_STATUSES.has(row.reportedStatus))
  );
}

/**
 * Sensor metrics count only while fresh (a stale reading is the offline rule's business, not a
 * hashrate or temperature alert). `gpuXidErrors` is 1 while a GPU node reports `error` — what the
 * DCGM collector and the simulator report during a fatal XID — else 0. `poolDown` is 1 while a
 * fresh sample of a cgminer-family miner names no live pool, else 0 (unknown for other protocols). A device that never
 * reported has been unseen since it was added, so the offline rule sees it too.
 */
export function toDeviceSubject(row: DeviceRow, now: number, freshAfterMs: number): Subject {
  const fresh = row.ts !== null && row.ts >= freshAfterMs;
  const live = (v: number | null) => (fresh ? v : null);
  const hashing = row.class !== 'gpu';
  const hashrate = live(row.hashrateThs);
  const power = live(row.powerW);
  return {
    key: `d:${row.id}`,
    kind: 'device',
    deviceIds: [row.id],
    siteId: row.siteId,
    rackId: row.rackId,
    modelId: row.modelId,
    class: row.class,
    tenantId: row.tenantId,
    modelMaxTempC: row.maxTempC,
    intentional: isIntentional(row, fresh),
    values: {
      hashratePctOfNominal:
        hashing && hashrate !== null && row.nominalHashrateThs
          ? (100 * hashrate) / row.nominalHashrateThs
          : null,
      chipTempC: live(row.chipTempC),
      boardTempC: live(row.boardTempC),
      gpuTempC: live(row.gpuTempC),
      fanRpm: live(row.fanRpm),
      powerW: power,
      efficiencyJPerTh: hashing && hashrate && power !== null ? power / hashrate : null,
      gpuXidErrors: row.class === 'gpu' && fresh ? (row.reportedStatus === 'error' ? 1 : 0) : null,
      poolDown: fresh && reportsPoolLiveness(row) ? (row.poolUrl ? 0 : 1) : null,
      lastSeenAgeS: Math.max(0, (now - (row.ts ?? row.createdAt)) / 1000),
      status: row.deviceStatus,
    },
  };
}

export type SiteBreakeven = {
  siteId: number;
  priceUsdPerMwh: number | null;
  /** Breakeven of the least efficient model hashing there now (lowest breakeven), if any. */
  worst: { modelId: number; breakevenUsdPerMwh: number } | null;
};

/** A site subject listing the devices of its least efficient running model. */
export function toSiteSubject(site: SiteBreakeven, deviceIds: number[]): Subject {
  const value =
    site.priceUsdPerMwh !== null && site.worst ? site.priceUsdPerMwh - site.worst.breakevenUsdPerMwh : null;
  return {
    key: `s:${site.siteId}`,
    kind: 'site',
    deviceIds,
    siteId: site.siteId,
    rackId: null,
    modelId: site.worst?.modelId ?? null,
    class: 'asic',
    tenantId: null,
    modelMaxTempC: null,
    intentional: false,
    values: { sitePriceVsBreakevenUsdPerMwh: value },
  };
}

export function toFleetSubject(hashpriceUsdPerPhDay: number | null): Subject {
  return {
    key: 'fleet',
    kind: 'fleet',
    deviceIds: [],
    siteId: null,
    rackId: null,
    modelId: null,
    class: null,
    tenantId: null,
    modelMaxTempC: null,
    intentional: false,
    values: { hashpriceUsdPerPhDay },
  };
}
