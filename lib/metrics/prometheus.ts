import { type Actor, requireRole } from '../auth/actor';
import { queryRows, sql } from '../db/raw';
import { deviceScopeSql } from '../inventory/scope';
import { loopStats } from '../jobs/loop-watch';
import { telemetryFreshAfterMs } from '../telemetry/freshness';
import { collectorFamilies, economicsFamilies } from './economics';
import { type Family, familyLines, type Sample } from './exposition';
import { readIngestCounters } from './ingest-counters';

export { escapeLabel } from './exposition';

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

type DeviceRow = {
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
};

async function deviceFamilies(actor: Actor, now: number): Promise<Family[]> {
  const freshAfter = telemetryFreshAfterMs(now);
  const rows = await queryRows<DeviceRow>(sql`
    SELECT d.id, d.name, s.name AS site, m.class, d.status, l.ts, l.hashrate_ths, l.power_w,
           COALESCE(l.chip_temp_c, l.gpu_temp_c) AS temp_c, l.gpu_util_pct
    FROM device d JOIN site s ON s.id = d.site_id JOIN device_model m ON m.id = d.model_id
    LEFT JOIN device_latest l ON l.device_id = d.id
    WHERE 1 = 1 ${deviceScopeSql(actor)} ORDER BY d.id`);
  const counts = new Map<string, Sample>();
  for (const r of rows) {
    const key = `${r.site}\0${r.class}\0${r.status}`;
    const seen = counts.get(key);
    if (seen) seen.value += 1;
    else counts.set(key, { labels: { site: r.site, class: r.class, status: r.status }, value: 1 });
  }
  const families: Family[] = [
    {
      name: 'switchyard_devices',
      help: 'Devices by site, class and status.',
      type: 'gauge',
      samples: [...counts.values()],
    },
  ];
  for (const g of DEVICE_GAUGES) {
    const samples: Sample[] = [];
    for (const r of rows) {
      const value = r[g.key];
      if (value == null || r.ts == null || Number(r.ts) < freshAfter) continue;
      samples.push({
        labels: { device_id: r.id, device: r.name, site: r.site, class: r.class },
        value: Number(value),
      });
    }
    families.push({ name: g.name, help: g.help, type: 'gauge', samples });
  }
  families.push({
    name: 'switchyard_device_last_sample_timestamp_seconds',
    help: 'Time of the latest sample.',
    type: 'gauge',
    samples: rows
      .filter((r) => r.ts != null)
      .map((r) => ({ labels: { device_id: r.id }, value: Number(r.ts) / 1000 })),
  });
  return families;
}

/** This process's ingest counters: fleet-wide volumes, so only the operator's own staff see them. */
function ingestFamilies(actor: Actor): Family[] {
  if (actor.tenantId !== null) return [];
  const c = readIngestCounters();
  const counter = (name: string, help: string, value: number): Family => ({
    name,
    help,
    type: 'counter',
    samples: [{ labels: {}, value }],
  });
  return [
    counter('switchyard_ingest_batches_total', 'Telemetry batches handled by this process.', c.batches),
    counter('switchyard_ingest_samples_accepted_total', 'Telemetry samples stored.', c.accepted),
    counter('switchyard_ingest_samples_duplicate_total', 'Telemetry samples already stored.', c.duplicates),
    counter('switchyard_ingest_samples_rejected_total', 'Telemetry samples rejected.', c.rejected),
  ];
}

/** This process's event-loop delay (the background jobs share the loop with the HTTP edge). */
function loopFamilies(actor: Actor): Family[] {
  const stats = loopStats();
  if (actor.tenantId !== null || !stats) return [];
  const gauge = (name: string, help: string, value: number): Family => ({
    name,
    help,
    type: 'gauge',
    samples: [{ labels: {}, value }],
  });
  return [
    gauge('switchyard_event_loop_delay_p50_seconds', 'Median event-loop delay since start.', stats.p50S),
    gauge(
      'switchyard_event_loop_delay_p99_seconds',
      '99th percentile event-loop delay since start.',
      stats.p99S,
    ),
    gauge('switchyard_event_loop_delay_max_seconds', 'Longest event-loop delay since start.', stats.maxS),
    {
      name: 'switchyard_event_loop_stalls_total',
      help: 'Times the event loop was blocked for a second or more.',
      type: 'counter',
      samples: [{ labels: {}, value: stats.stalls }],
    },
  ];
}

/** Prometheus text exposition of the fleet (the actor's tenant scope applies). */
export async function renderPrometheusMetrics(actor: Actor, now = Date.now()): Promise<string> {
  requireRole(actor, 'viewer');
  const families = await deviceFamilies(actor, now);
  let economicsUp = 1;
  try {
    families.push(...(await economicsFamilies(actor, now)));
  } catch (error) {
    // The operational metrics must stay scrapeable even if the market side is broken.
    console.error('[metrics] economics failed', error);
    economicsUp = 0;
  }
  families.push(
    {
      name: 'switchyard_economics_up',
      help: '1 when the money view could be computed for this scrape.',
      type: 'gauge',
      samples: [{ labels: {}, value: economicsUp }],
    },
    ...(await collectorFamilies(actor)),
    ...ingestFamilies(actor),
    ...loopFamilies(actor),
  );
  return `${families.flatMap(familyLines).join('\n')}\n`;
}
