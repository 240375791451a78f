// AI jobs: GPU-hours and revenue per job and per customer within the range, from the assignment
// history (never counters). A hosting client sees only its own jobs.
import { empty, queryRows, sql } from '../db/raw';
import { accrueJob, type TransitionPoint } from '../workloads/accrual';
import { round } from './facts';
import type { ReportScope } from './scope';
import type { Section } from './types';

export async function buildJobs(scope: ReportScope, fromMs: number, toMs: number, nowMs: number) {
  const tenantSql = scope.tenantId === undefined ? empty : sql`WHERE j.tenant_id = ${scope.tenantId}`;
  const jobs = await queryRows(
    sql`SELECT j.id, j.name, j.status, j.tenant_id, j.gpu_count, j.price_usd_per_gpu_hour, t.name AS tenant_name
      FROM ai_job j LEFT JOIN tenant t ON t.id = j.tenant_id ${tenantSql} ORDER BY j.id`,
  );
  const spans = await queryRows(
    sql`SELECT job_id, device_id, gpus, rate_usd_per_gpu_hour, from_ts, to_ts FROM assignment
      WHERE kind = 'job' AND from_ts < ${toMs} AND (to_ts IS NULL OR to_ts > ${fromMs})`,
  );
  const transitions = await queryRows(sql`SELECT job_id, to_status, ts FROM job_transition ORDER BY ts`);
  const byJob = new Map<number, TransitionPoint[]>();
  for (const t of transitions)
    byJob.set(Number(t.job_id), [
      ...(byJob.get(Number(t.job_id)) ?? []),
      { toStatus: String(t.to_status), ts: Number(t.ts) },
    ]);
  const end = Math.min(toMs, nowMs);
  const rows = [];
  const customers = new Map<string, { gpuHours: number; revenueUsd: number; jobs: number }>();
  for (const j of jobs) {
    const id = Number(j.id);
    const work = spans
      .filter((s) => Number(s.job_id) === id && siteFilter(scope, Number(s.device_id)))
      .map((s) => ({
        fromTs: Math.max(Number(s.from_ts), fromMs),
        toTs: Math.min(s.to_ts == null ? end : Number(s.to_ts), end),
        gpus: s.gpus == null ? null : Number(s.gpus),
        rateUsdPerGpuHour: s.rate_usd_per_gpu_hour == null ? null : Number(s.rate_usd_per_gpu_hour),
      }));
    if (work.length === 0) continue;
    const accrual = accrueJob(work, byJob.get(id) ?? [], end);
    const customer = j.tenant_name == null ? 'Own fleet' : String(j.tenant_name);
    rows.push({
      jobId: id,
      job: String(j.name),
      customer,
      status: String(j.status),
      gpus: Number(j.gpu_count),
      priceUsdPerGpuHour: Number(j.price_usd_per_gpu_hour),
      gpuHours: round(accrual.gpuHours, 4),
      revenueUsd: round(accrual.revenueUsd, 4),
    });
    const c = customers.get(customer) ?? { gpuHours: 0, revenueUsd: 0, jobs: 0 };
    c.gpuHours += accrual.gpuHours;
    c.revenueUsd += accrual.revenueUsd;
    c.jobs += 1;
    customers.set(customer, c);
  }
  const sections: Section[] = [
    {
      name: 'jobs',
      title: 'AI jobs',
      columns: [
        { key: 'jobId', label: 'Job id', type: 'number', digits: 0 },
        { key: 'job', label: 'Job', type: 'string' },
        { key: 'customer', label: 'Customer', type: 'string' },
        { key: 'status', label: 'Status', type: 'string' },
        { key: 'gpus', label: 'GPUs', type: 'number', digits: 0 },
        { key: 'priceUsdPerGpuHour', label: 'Price', type: 'number', unit: '$/GPU-h', digits: 2 },
        { key: 'gpuHours', label: 'GPU-hours', type: 'number', unit: 'GPU-h', digits: 2 },
        { key: 'revenueUsd', label: 'Revenue', type: 'number', unit: 'USD', digits: 2 },
      ],
      rows,
    },
    {
      name: 'customers',
      title: 'AI revenue per customer',
      columns: [
        { key: 'customer', label: 'Customer', type: 'string' },
        { key: 'jobs', label: 'Jobs', type: 'number', digits: 0 },
        { key: 'gpuHours', label: 'GPU-hours', type: 'number', unit: 'GPU-h', digits: 2 },
        { key: 'revenueUsd', label: 'Revenue', type: 'number', unit: 'USD', digits: 2 },
      ],
      rows: [...customers].map(([customer, c]) => ({
        customer,
        jobs: c.jobs,
        gpuHours: round(c.gpuHours, 4),
        revenueUsd: round(c.revenueUsd, 4),
      })),
    },
  ];
  const totals = {
    gpuHours: round(
      rows.reduce((s, r) => s + (r.gpuHours ?? 0), 0),
      4,
    ),
    aiRevenueUsd: round(
      rows.reduce((s, r) => s + (r.revenueUsd ?? 0), 0),
      4,
    ),
    jobs: rows.length,
  };
  return { sections, totals };
}

/** Spans on devices outside the site/class filter do not count (tenant scope is the job's owner). */
function siteFilter(scope: ReportScope, deviceId: number): boolean {
  return scope.devices.has(deviceId) || scope.tenantId !== undefined;
}
