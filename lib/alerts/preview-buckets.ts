// The rollup rows a rule preview replays: which tier (and so which step) a metric needs, and the
// rows of the devices in scope over the window, read through the device-first key.
import { join, queryRows, raw, sql } from '../db/raw';
import type { BucketValues } from './replay';
import type { Rule } from './types';

export type PreviewTier = { table: 'telemetry_rollup_5m' | 'telemetry_rollup_1m'; stepMs: number };

const FIVE_MINUTES: PreviewTier = { table: 'telemetry_rollup_5m', stepMs: 300_000 };
const ONE_MINUTE: PreviewTier = { table: 'telemetry_rollup_1m', stepMs: 60_000 };

/**
 * `poolDown` replays minute by minute: its rules wait a minute or two (the built-in one 2 min),
 * which 5-minute steps would stretch to 5–10 min and miss most short outages. The 1-minute tier
 * keeps the last 24 h (less when RETENTION_RAW_HOURS is shorter), exactly the preview's window.
 */
export const previewTier = (metric: Rule['metric']): PreviewTier =>
  metric === 'poolDown' ? ONE_MINUTE : FIVE_MINUTES;

const DEVICES_PER_QUERY = 400;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const scaled = (v: unknown, s: number) => (v === null || v === undefined ? null : Number(v) / s);

/** bucket start → device id → rollup values, for `ids` over [fromMs, toMs). */
export async function loadBuckets(tier: PreviewTier, ids: number[], fromMs: number, toMs: number) {
  const buckets = new Map<number, Map<number, BucketValues>>();
  const table = raw(tier.table);
  for (let i = 0; i < ids.length; i += DEVICES_PER_QUERY) {
    const rows = await queryRows(sql`
      SELECT device_id, bucket, samples, hashrate_ths, power_w_x10, chip_temp_c_x100, board_temp_c_x100,
             gpu_temp_c_x100, fan_rpm, pool_down_n
      FROM ${table}
      WHERE device_id IN (${join(ids.slice(i, i + DEVICES_PER_QUERY))}) AND bucket >= ${fromMs} AND bucket < ${toMs}`);
    for (const r of rows) {
      const b = Number(r.bucket);
      const m = buckets.get(b) ?? new Map<number, BucketValues>();
      buckets.set(b, m);
      const samples = Number(r.samples);
      m.set(Number(r.device_id), {
        hashrateThs: num(r.hashrate_ths),
        powerW: scaled(r.power_w_x10, 10),
        chipTempC: scaled(r.chip_temp_c_x100, 100),
        boardTempC: scaled(r.board_temp_c_x100, 100),
        gpuTempC: scaled(r.gpu_temp_c_x100, 100),
        fanRpm: num(r.fan_rpm),
        poolDownFraction: samples > 0 ? (num(r.pool_down_n) ?? 0) / samples : null,
      });
    }
  }
  return buckets;
}
