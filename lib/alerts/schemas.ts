import { z } from 'zod';
import { QueryId, queryInt } from '@/lib/ids';
import { DEVICE_METRICS, METRICS, OPS, RULE_ACTION_KINDS, SEVERITIES } from './types';

const Id = z.number().int().positive();

export const ScopeSchema = z
  .object({
    siteId: Id.optional(),
    rackId: Id.optional(),
    modelId: Id.optional(),
    class: z.enum(['asic', 'micro', 'gpu']).optional(),
    deviceIds: z.array(Id).min(1).max(10_000).optional(),
    tenantId: Id.optional(),
  })
  .strict();

export const RuleActionSchema = z
  .object({
    kind: z.enum(RULE_ACTION_KINDS),
    maxDevicesPerHour: z.number().int().min(1).max(10_000),
    poolId: Id.nullable().optional(),
  })
  .strict();

const RuleFields = z
  .object({
    name: z.string().trim().min(1).max(120),
    metric: z.enum(METRICS),
    op: z.enum(OPS),
    threshold: z.union([z.number().finite(), z.string().min(1).max(40)]),
    relativeTo: z.enum(['modelMaxTempC']).nullable().optional(),
    forS: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400),
    clearThreshold: z.number().finite().nullable().optional(),
    cooldownS: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .nullable()
      .optional(),
    severity: z.enum(SEVERITIES),
    scope: ScopeSchema.default({}),
    enabled: z.boolean().default(true),
    action: RuleActionSchema.nullable().optional(),
  })
  .strict();

type Fields = z.infer<typeof RuleFields>;

/**
 * Which actions suit which metrics: curtailing answers price; reboots and pool switches act on one
 * device's readings. Also checked on PATCH against the stored metric.
 */
export function ruleActionProblem(
  metric: string,
  action: z.infer<typeof RuleActionSchema>,
): { path: 'kind' | 'poolId'; message: string } | null {
  if (action.kind === 'curtail' && metric !== 'sitePriceVsBreakevenUsdPerMwh')
    return { path: 'kind', message: 'curtail acts on sitePriceVsBreakevenUsdPerMwh rules' };
  if (action.kind !== 'curtail' && !(DEVICE_METRICS as readonly string[]).includes(metric))
    return { path: 'kind', message: `${action.kind} acts on device metrics` };
  if (action.kind !== 'switchPool' && action.poolId != null)
    return { path: 'poolId', message: 'poolId is for switchPool' };
  return null;
}

/** Cross-field rules: string thresholds only for status with == / !=, numbers otherwise. */
function coherent(r: Partial<Fields>, ctx: z.RefinementCtx) {
  if (r.metric === undefined || r.threshold === undefined) return;
  const isStatus = r.metric === 'status';
  if (isStatus !== (typeof r.threshold === 'string')) {
    ctx.addIssue({
      code: 'custom',
      path: ['threshold'],
      message: isStatus ? 'status rules compare with a status name' : 'threshold must be a number',
    });
  }
  if (isStatus && r.op !== undefined && r.op !== '==' && r.op !== '!=') {
    ctx.addIssue({ code: 'custom', path: ['op'], message: 'status rules use == or !=' });
  }
  if (r.action && r.metric !== undefined) {
    const problem = ruleActionProblem(r.metric, r.action);
    if (problem) ctx.addIssue({ code: 'custom', path: ['action', problem.path], message: problem.message });
  }
  if (r.relativeTo && !['chipTempC', 'boardTempC', 'gpuTempC'].includes(r.metric)) {
    ctx.addIssue({ code: 'custom', path: ['relativeTo'], message: 'modelMaxTempC applies to temperatures' });
  }
}

export const RuleCreate = RuleFields.superRefine(coherent);
export type RuleCreate = z.infer<typeof RuleCreate>;
export const RuleUpdate = RuleFields.partial()
  .refine((r) => Object.keys(r).length > 0, 'nothing to change')
  .superRefine(coherent);
export type RuleUpdate = z.infer<typeof RuleUpdate>;

export const AlertsQuery = z.object({
  status: z.enum(['firing', 'acknowledged', 'resolved', 'open']).optional(),
  deviceId: QueryId.optional(),
  ruleId: QueryId.optional(),
  severity: z.enum(SEVERITIES).optional(),
  limit: queryInt(1, 500).default(100),
});
export type AlertsQuery = z.infer<typeof AlertsQuery>;

export const AckBody = z.object({ note: z.string().trim().max(2000).optional() }).strict();

const Instant = z.union([z.iso.datetime({ offset: true }), z.number().int().positive()]);

export const SilenceCreate = z
  .object({
    ruleId: Id.nullable().optional(),
    scope: ScopeSchema.default({}),
    startsAt: Instant.optional(),
    endsAt: Instant,
    comment: z.string().trim().max(500).optional(),
  })
  .strict();
export type SilenceCreate = z.infer<typeof SilenceCreate>;
export const SilenceUpdate = z
  .object({ endsAt: Instant, comment: z.string().trim().max(500).optional() })
  .strict();
export type SilenceUpdate = z.infer<typeof SilenceUpdate>;

export const TargetCreate = z
  .object({
    name: z.string().trim().min(1).max(120),
    kind: z.enum(['webhook', 'email']),
    address: z.string().trim().min(3).max(500),
    minSeverity: z.enum(SEVERITIES).default('warning'),
    ruleIds: z.array(Id).nullable().optional(),
    enabled: z.boolean().default(true),
  })
  .strict();
export type TargetCreate = z.infer<typeof TargetCreate>;

export const TargetUpdate = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    address: z.string().trim().min(3).max(500).optional(),
    minSeverity: z.enum(SEVERITIES).optional(),
    ruleIds: z.array(Id).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type TargetUpdate = z.infer<typeof TargetUpdate>;
