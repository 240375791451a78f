// AI jobs: the queue, each job's timeline, placement and accrued GPU-hours and revenue.

import type { z } from 'zod';
import { recordAudit } from '../audit/record';
import { type Actor, requireRole } from '../auth/actor';
import { getDb } from '../db/client';
import type { AiJob, Assignment, JobTransition } from '../db/generated/sqlite/client';
import { getEnv } from '../env';
import { badRequest, conflict, notFound } from '../errors';
import { accrueJob } from './accrual';
import { loadGpuCandidates } from './candidates';
import { findPlacement } from './fit';
import { JOB_STATUSES, type JobStatus } from './lifecycle';
import type { JobCreate, JobListQuery, JobUpdate } from './schemas';
import { resolveTenant, tenantWhere } from './scope';

export type JobTransitionView = {
  from: JobStatus;
  to: JobStatus;
  at: string;
  actor: string;
  actorKind: string;
  reason: string | null;
};
export type JobPlacementView = { deviceId: number; gpus: number | null; from: string; to: string | null };

export type JobView = Omit<AiJob, 'deadline' | 'createdAt' | 'updatedAt' | 'version'> & {
  deadline: string | null;
  createdAt: string;
  updatedAt: string;
  gpuHours: number;
  revenueUsd: number;
  transitions: JobTransitionView[];
  /** Devices the job holds now (open assignments). */
  placement: JobPlacementView[];
  /** Every span the job held a device, newest first. */
  history: JobPlacementView[];
  /** Queued jobs only: where it would fit now, or why it fits nowhere. */
  fit?: { ok: true; deviceIds: number[] } | { ok: false; reason: string };
};

const iso = (ms: bigint | number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

function toView(job: AiJob & { transitions: JobTransition[] }, work: Assignment[], now: number): JobView {
  const { deadline, createdAt, updatedAt, version: _version, transitions, ...rest } = job;
  const spans = work.map((w) => ({
    fromTs: Number(w.fromTs),
    toTs: w.toTs === null ? null : Number(w.toTs),
    gpus: w.gpus,
    rateUsdPerGpuHour: w.rateUsdPerGpuHour,
  }));
  const points = transitions.map((t) => ({ toStatus: t.toStatus, ts: Number(t.ts) }));
  const { gpuHours, revenueUsd } = accrueJob(spans, points, now);
  const placementView = (w: Assignment): JobPlacementView => ({
    deviceId: w.deviceId,
    gpus: w.gpus,
    from: iso(w.fromTs)!,
    to: iso(w.toTs),
  });
  return {
    ...rest,
    deadline: iso(deadline),
    createdAt: iso(createdAt)!,
    updatedAt: iso(updatedAt)!,
    gpuHours,
    revenueUsd,
    transitions: transitions
      .sort((a, b) => Number(a.ts - b.ts) || a.id - b.id)
      .map((t) => ({
        from: t.fromStatus,
        to: t.toStatus,
        at: iso(t.ts)!,
        actor: t.actorName,
        actorKind: t.actorKind,
        reason: t.reason,
      })),
    placement: work.filter((w) => w.toTs === null).map(placementView),
    history: [...work].sort((a, b) => Number(b.fromTs - a.fromTs)).map(placementView),
  };
}

async function loadViews(
  jobs: (AiJob & { transitions: JobTransition[] })[],
  now: number,
): Promise<JobView[]> {
  const work = await getDb().assignment.findMany({
    where: { kind: 'job', jobId: { in: jobs.map((j) => j.id) } },
    orderBy: { id: 'asc' },
  });
  return jobs.map((j) =>
    toView(
      j,
      work.filter((w) => w.jobId === j.id),
      now,
    ),
  );
}

export type JobList = { data: JobView[]; counts: Record<JobStatus, number> };

export async function listJobs(
  actor: Actor,
  query: z.infer<typeof JobListQuery>,
  now: number,
): Promise<JobList> {
  requireRole(actor, 'viewer');
  const scope = tenantWhere(actor);
  if (query.tenantId !== undefined && actor.tenantId === null) scope.tenantId = query.tenantId;
  const where = {
    ...scope,
    ...(query.status ? { status: { in: query.status } } : {}),
    ...(query.q ? { name: { contains: query.q } } : {}),
  };
  const db = getDb();
  const [jobs, grouped] = await Promise.all([
    db.aiJob.findMany({
      where,
      include: { transitions: true },
      orderBy: [{ priority: 'desc' }, { id: 'asc' }],
      take: 2000,
    }),
    db.aiJob.groupBy({ by: ['status'], _count: { _all: true }, where: scope }),
  ]);
  const counts = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
  for (const g of grouped) counts[g.status] = g._count._all;
  return { data: await loadViews(jobs, now), counts };
}

export async function getJob(actor: Actor, id: number, now: number): Promise<JobView> {
  requireRole(actor, 'viewer');
  const job = await getDb().aiJob.findFirst({
    where: { id, ...tenantWhere(actor) },
    include: { transitions: true },
  });
  if (!job) throw notFound(`Job ${id}`);
  const view = (await loadViews([job], now))[0]!;
  if (job.status === 'queued') {
    view.fit = findPlacement(
      {
        gpuCount: job.gpuCount,
        gpuModel: job.gpuModel,
        minGpuMemoryGb: job.minGpuMemoryGb,
        multiNode: job.multiNode,
        needsFirmPower: job.needsFirmPower,
      },
      await loadGpuCandidates(actor),
      job.id,
    );
  }
  return view;
}

function checkExecutor(executor: 'simulated' | 'webhook') {
  const env = getEnv();
  if (
    executor === 'webhook' &&
    (!env.SWITCHYARD_EXECUTOR_WEBHOOK_URL || !env.SWITCHYARD_EXECUTOR_WEBHOOK_SECRET)
  ) {
    throw badRequest('No webhook executor is configured (SWITCHYARD_EXECUTOR_WEBHOOK_URL and _SECRET)', [
      { path: 'executor', message: 'webhook executor not configured' },
    ]);
  }
}

export async function createJob(actor: Actor, input: JobCreate, now: number): Promise<JobView> {
  requireRole(actor, 'operator');
  const executor = input.executor ?? getEnv().SWITCHYARD_EXECUTOR;
  checkExecutor(executor);
  const tenantId = await resolveTenant(actor, input.tenantId);
  const job = await getDb().aiJob.create({
    data: {
      ...input,
      tenantId,
      executor,
      deadline: input.deadline == null ? null : BigInt(input.deadline),
      createdAt: BigInt(now),
      updatedAt: BigInt(now),
    },
  });
  await recordAudit(actor, 'job.create', `job:${job.id}`, { name: job.name, gpuCount: job.gpuCount });
  return getJob(actor, job.id, now);
}

/** Specs change only while the job waits in the queue; a placed job would no longer match them. */
export async function updateJob(actor: Actor, id: number, input: JobUpdate, now: number): Promise<JobView> {
  requireRole(actor, 'operator');
  const db = getDb();
  const job = await db.aiJob.findFirst({ where: { id, ...tenantWhere(actor) } });
  if (!job) throw notFound(`Job ${id}`);
  const specFields = Object.keys(input).filter((k) => !['name', 'priority', 'deadline'].includes(k));
  if (specFields.length && job.status !== 'queued' && job.status !== 'preempted') {
    throw conflict(
      `A ${job.status} job keeps its requirements; only name, priority and deadline can change`,
      {
        fields: specFields,
      },
    );
  }
  const merged = { ...job, ...input };
  if (!merged.preemptible && merged.checkpointIntervalMin != null && input.preemptible === false) {
    input.checkpointIntervalMin = null;
  }
  const tenantId = input.tenantId !== undefined ? await resolveTenant(actor, input.tenantId) : undefined;
  const changed = await db.aiJob.updateMany({
    where: { id, version: job.version },
    data: {
      ...input,
      ...(tenantId !== undefined ? { tenantId } : {}),
      deadline:
        input.deadline === undefined ? undefined : input.deadline === null ? null : BigInt(input.deadline),
      updatedAt: BigInt(now),
      version: { increment: 1 },
    },
  });
  if (changed.count === 0) throw conflict(`Job ${id} changed concurrently; reload and retry`);
  await recordAudit(actor, 'job.update', `job:${id}`, { fields: Object.keys(input) });
  return getJob(actor, id, now);
}
