import { type Actor, requireRole } from '../auth/actor';
import { queryRows, sql } from '../db/raw';
import { deviceScopeSql } from '../inventory/scope';
import { telemetryFreshAfterMs } from '../telemetry/freshness';

/** Label values per the exposition format: backslash, double quote and newline escaped. */
export function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

type Gauge = { name: string; help: string; key: 'hashrate_ths' | 'power_w' | 'temp_c' | 'gpu_util_pct' };
const DEVICE_GAUGES: Gauge[] = [
  { name: 'switchyard_device_hashrate_terahashes', help: 'Latest hashrate (TH/s).', key: 'hashrate_ths' },
  { name: 'switchyard_device_power_watts', help: 'Latest power draw (W).', key: 'power_w' },
  {
    name: 'switchyard_device_temperature_celsius',
    help: 'Latest chip or GPU temperature (°C).',
    key: 'temp_c',
  },
  {
    name: 'switchyard_device_gpu_utilization_percent',
    help: 'Latest GPU utilisation (%).',
    key: 'gpu_util_pct',
  },
];

/** Prometheus text exposition of the fleet (the actor's tenant scope applies). */
export async function renderPrometheusMetrics(actor: Actor, now = Date.now()): Promise<string> {
  requireRole(actor, 'viewer');
  const freshAfter = telemetryFreshAfterMs(now);
  const rows = await queryRows<{
    id: number;
    name: string;
    site: string;
    class: string;
    status: string;
    ts: number | null;
    hashrate_ths: number | null;
    power_w: number | null;
    temp_c: number | null;
    gpu_util_pct: number | null;
  }>(sql`
    SELECT d.id, d.name, s.name AS site, m.class, d.status, l.ts, l.hashrate_ths, l.power_w,
           COALESCE(l.chip_temp_c, l.gpu_temp_c) AS temp_c, l.gpu_util_pct
    FROM device d JOIN site s ON s.id = d.site_id JOIN device_model m ON m.id = d.model_id
    LEFT JOIN device_latest l ON l.device_id = d.id
    WHERE 1 = 1 ${deviceScopeSql(actor)} ORDER BY d.id`);
  const lines: string[] = [];
  const counts = new Map<string, number>();
  for (const r of rows) {
    const key = `site="${escapeLabel(r.site)}",class="${r.class}",status="${r.status}"`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  lines.push(
    '# HELP switchyard_devices Devices by site, class and status.',
    '# TYPE switchyard_devices gauge',
  );
  for (const [labels, n] of counts) lines.push(`switchyard_devices{${labels}} ${n}`);
  for (const gauge of DEVICE_GAUGES) {
    lines.push(`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} gauge`);
    for (const r of rows) {
      const value = r[gauge.key];
      if (value == null || r.ts == null || Number(r.ts) < freshAfter) continue;
      lines.push(
        `${gauge.name}{device_id="${r.id}",device="${escapeLabel(r.name)}",site="${escapeLabel(r.site)}",class="${r.class}"} ${Number(value)}`,
      );
    }
  }
  lines.push(
    '# HELP switchyard_device_last_sample_timestamp_seconds Time of the latest sample.',
    '# TYPE switchyard_device_last_sample_timestamp_seconds gauge',
  );
  for (const r of rows) {
    if (r.ts != null)
      lines.push(
        `switchyard_device_last_sample_timestamp_seconds{device_id="${r.id}"} ${Number(r.ts) / 1000}`,
      );
  }
  return `${lines.join('\n')}\n`;
}
