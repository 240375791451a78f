import { execute, queryRows, sql, withRawTransaction } from '../db/raw';
import { getEnv } from '../env';
import { emitEvent } from '../webhooks/emit';
import type { ReportedStatus } from './metrics';
import { DEFAULT_DEGRADED_BELOW_PCT, type DeviceStatus, deriveStatus, expectedHashrate } from './status';

type Row = {
  id: number;
  status: DeviceStatus;
  class: 'asic' | 'micro' | 'gpu';
  nominal_hashrate_ths: number | null;
  power_profiles: string | null;
  power_target_w: number | null;
  max_temp_c: number;
  ts: number | null;
  hashrate_ths: number | null;
  chip_temp_c: number | null;
  board_temp_c: number | null;
  gpu_temp_c: number | null;
  reported: ReportedStatus | null;
};

const OFFLINE_EVENT_MAX_DEVICES = 1000;

/**
 * Re-derives every device's status from its latest sample and records each change (uptime
 * reports and the device history read device_status_change). One pass over device_latest.
 */
export async function evaluateStatuses(now = Date.now()): Promise<{ changed: number }> {
  const rules = {
    now,
    intervalMs: getEnv().TELEMETRY_INTERVAL_S * 1000,
    degradedBelowPct: DEFAULT_DEGRADED_BELOW_PCT,
  };
  const rows = await queryRows<Row>(sql`
    SELECT d.id, d.status, m.class, m.nominal_hashrate_ths, m.power_profiles, d.power_target_w, m.max_temp_c,
           l.ts, l.hashrate_ths, l.chip_temp_c, l.board_temp_c, l.gpu_temp_c, l.status AS reported
    FROM device d JOIN device_model m ON m.id = d.model_id LEFT JOIN device_latest l ON l.device_id = d.id`);
  const changes: { id: number; from: DeviceStatus; to: DeviceStatus; reason: string | null }[] = [];
  for (const r of rows) {
    const profiles = r.power_profiles
      ? (JSON.parse(r.power_profiles) as { powerW: number; hashrateThs: number }[])
      : null;
    const { status, reason } = deriveStatus(
      {
        current: r.status,
        class: r.class,
        expectedHashrateThs: expectedHashrate(r.nominal_hashrate_ths, profiles, r.power_target_w),
        maxTempC: Number(r.max_temp_c),
        lastTs: r.ts == null ? null : Number(r.ts),
        hashrateThs: r.hashrate_ths,
        temps: [r.chip_temp_c, r.board_temp_c, r.gpu_temp_c],
        reported: r.reported,
      },
      rules,
    );
    if (status !== r.status) changes.push({ id: Number(r.id), from: r.status, to: status, reason });
  }
  if (changes.length === 0) return { changed: 0 };
  const changedAt = new Date(now);
  await withRawTransaction(async (client) => {
    for (const c of changes) {
      await execute(
        sql`UPDATE device SET status = ${c.to}, status_reason = ${c.reason}, status_changed_at = ${changedAt}
            WHERE id = ${c.id} AND status = ${c.from}`,
        client,
      );
      await execute(
        sql`INSERT INTO device_status_change (device_id, ts, from_status, to_status, reason)
            VALUES (${c.id}, ${now}, ${c.from}, ${c.to}, ${c.reason})`,
        client,
      );
    }
    // One event per pass, not per device: a site losing power is one message, not thousands.
    const offline = changes.filter((c) => c.to === 'offline');
    if (offline.length > 0) {
      await emitEvent(
        client,
        'device.offline',
        {
          count: offline.length,
          devices: offline
            .slice(0, OFFLINE_EVENT_MAX_DEVICES)
            .map((c) => ({ id: c.id, from: c.from, reason: c.reason })),
          truncated: offline.length > OFFLINE_EVENT_MAX_DEVICES,
        },
        now,
      );
    }
  });
  return { changed: changes.length };
}
