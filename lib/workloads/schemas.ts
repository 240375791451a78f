// Input shapes of the workloads API (field names are the issue's contract).
import { z } from 'zod';
import { QueryId, queryInt } from '@/lib/ids';
import { JOB_STATUSES } from './lifecycle';

export const PAYOUT_SCHEMES = ['fpps', 'fpps+', 'pps+', 'pplns', 'solo'] as const;
export const ASSIGNMENT_KINDS = ['pool', 'job', 'rent', 'curtail', 'idle', 'maintenance'] as const;
export const ASSIGNMENT_SOURCES = ['manual', 'plan', 'rule'] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];
export type AssignmentSource = (typeof ASSIGNMENT_SOURCES)[number];

const id = z
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

const PoolFields = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100),
  // Stratum syntax is checked in the data layer so the 400 can name the bad URL.
  urls: z.array(z.string().max(500)).min(1, 'At least one stratum URL').max(10),
  workerTemplate: z.string().max(200),
  feePct: z.number().min(0).max(100),
  payoutScheme: z.enum(PAYOUT_SCHEMES),
  tenantId: id.nullable().optional(),
});
export const PoolCreate = PoolFields.strict();
export const PoolUpdate = PoolFields.partial().strict();
export type PoolCreate = z.infer<typeof PoolCreate>;
export type PoolUpdate = z.infer<typeof PoolUpdate>;

const isoDate = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

const JobFields = z.object({
  name: z.string().trim().min(1, 'Name is required').max(200),
  tenantId: id.nullable().optional(),
  gpuCount: z.number().int().min(1).max(100_000),
  gpuModel: z.string().trim().min(1).max(64).nullable().optional(),
  minGpuMemoryGb: z.number().positive().max(10_000).nullable().optional(),
  expectedHours: z.number().positive().max(100_000),
  priceUsdPerGpuHour: z.number().min(0).max(1000),
  deadline: isoDate.nullable().optional(),
  priority: z.number().int().min(-1000).max(1000).optional(),
  preemptible: z.boolean(),
  checkpointIntervalMin: z.number().int().min(1).max(100_000).nullable().optional(),
  multiNode: z.boolean(),
  needsFirmPower: z.boolean().optional(),
  executor: z.enum(['simulated', 'webhook']).optional(),
});

function checkpointRule(
  job: { preemptible?: boolean; checkpointIntervalMin?: number | null },
  ctx: z.RefinementCtx,
) {
  if (job.preemptible === false && job.checkpointIntervalMin != null) {
    ctx.addIssue({
      code: 'custom',
      path: ['checkpointIntervalMin'],
      message: 'Only a preemptible job has a checkpoint interval',
    });
  }
}

export const JobCreate = JobFields.extend({ needsFirmPower: z.boolean().default(true) })
  .strict()
  .superRefine(checkpointRule);
/** What can change after creation; status changes go through transitions. */
export const JobUpdate = JobFields.omit({ executor: true }).partial().strict().superRefine(checkpointRule);
export type JobCreate = z.infer<typeof JobCreate>;
export type JobUpdate = z.infer<typeof JobUpdate>;

export const JobListQuery = z.object({
  status: z
    .union([z.enum(JOB_STATUSES), z.array(z.enum(JOB_STATUSES))])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional(),
  q: z.string().max(200).optional(),
  tenantId: QueryId.optional(),
});

export const TransitionRequest = z
  .object({ to: z.enum(JOB_STATUSES), reason: z.string().max(500).optional() })
  .strict();

export const Workload = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('pool'),
      poolId: id,
      powerTargetW: z.number().positive().max(1_000_000).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('job'), jobId: id }).strict(),
  z.object({ kind: z.literal('rent') }).strict(),
  z.object({ kind: z.literal('curtail') }).strict(),
  z.object({ kind: z.literal('idle') }).strict(),
  z.object({ kind: z.literal('maintenance') }).strict(),
]);
export type Workload = z.infer<typeof Workload>;

export const AssignmentRequest = z
  .object({
    deviceIds: z.array(id).min(1).max(20_000).optional(),
    rackId: id.optional(),
    siteId: id.optional(),
    workload: Workload,
    source: z.enum(ASSIGNMENT_SOURCES).optional(),
    reason: z.string().max(500).optional(),
  })
  .strict()
  .refine((r) => [r.deviceIds, r.rackId, r.siteId].filter((v) => v !== undefined).length === 1, {
    message: 'Give exactly one of deviceIds, rackId or siteId',
    path: ['deviceIds'],
  });
export type AssignmentRequest = z.infer<typeof AssignmentRequest>;

export const AssignmentListQuery = z.object({
  deviceId: QueryId.optional(),
  jobId: QueryId.optional(),
  poolId: QueryId.optional(),
  siteId: QueryId.optional(),
  kind: z.enum(ASSIGNMENT_KINDS).optional(),
  current: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: queryInt(1, 5000).default(500),
});

/** A status callback from an external executor (POST /api/v1/jobs/{id}/events). */
export const JobEventBody = z
  .object({
    eventId: z.string().trim().min(1).max(200),
    status: z.enum(['running', 'done', 'failed', 'preempted', 'progress']),
    progressPct: z.number().min(0).max(100).optional(),
    message: z.string().max(1000).optional(),
  })
  .strict();
export type JobEventBody = z.infer<typeof JobEventBody>;

export const RentalSettingsUpdate = z
  .object({
    siteId: id.nullable().optional(),
    enabled: z.boolean().optional(),
    utilisationPct: z.number().min(0).max(100).optional(),
    minUsdPerGpuHour: z.number().min(0).max(1000).nullable().optional(),
  })
  .strict();
export type RentalSettingsUpdate = z.infer<typeof RentalSettingsUpdate>;
