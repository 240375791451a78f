import { z } from 'zod';
import { ACTIONS, type ActionName } from '../collectors/clients/capabilities';

export { ACTIONS, type ActionName };

export const ACTION_STATUSES = ['pending', 'confirmed', 'failed', 'timed_out', 'refused'] as const;

/** `GET /api/v1/actions?batchId&deviceId&status&limit`. */
export const ActionListQuery = z.object({
  batchId: z.string().uuid().optional(),
  deviceId: z.coerce.number().int().positive().optional(),
  status: z.enum(ACTION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type ActionPhase = 'queued' | 'sending' | 'sent';

/** What an action needs besides its name; poolUrl/worker are resolved from the pool profile at request time. */
export type ActionParams = {
  poolId?: number;
  poolUrl?: string;
  poolUser?: string;
  powerTargetW?: number;
};

export const ActionInput = z
  .object({
    action: z.enum(ACTIONS),
    poolId: z.number().int().positive().optional(),
    powerTargetW: z.number().positive().max(100_000).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.action === 'switchPool' && v.poolId === undefined)
      ctx.addIssue({ code: 'custom', path: ['poolId'], message: 'switchPool needs a poolId' });
    if (v.action === 'setPowerTarget' && v.powerTargetW === undefined)
      ctx.addIssue({ code: 'custom', path: ['powerTargetW'], message: 'setPowerTarget needs powerTargetW' });
  });
export type ActionInput = z.infer<typeof ActionInput>;

/** The devices a bulk action reaches: named ids, or a filter that must narrow the fleet. */
export const DeviceFilter = z
  .object({
    siteId: z.number().int().positive().optional(),
    rackId: z.number().int().positive().optional(),
    class: z.array(z.enum(['asic', 'micro', 'gpu'])).optional(),
    status: z.array(z.enum(['online', 'degraded', 'offline', 'curtailed', 'maintenance'])).optional(),
    q: z.string().trim().max(100).optional(),
  })
  .strict();
export type DeviceFilter = z.infer<typeof DeviceFilter>;

export const MAX_BULK_DEVICES = 10_000;

/** `POST /api/v1/devices/refresh { deviceIds }`. */
export const RefreshInput = z
  .object({ deviceIds: z.array(z.number().int().positive()).min(1).max(MAX_BULK_DEVICES) })
  .strict();

export const BulkActionInput = z
  .object({
    action: z.enum(ACTIONS),
    poolId: z.number().int().positive().optional(),
    powerTargetW: z.number().positive().max(100_000).optional(),
    deviceIds: z.array(z.number().int().positive()).min(1).max(MAX_BULK_DEVICES).optional(),
    filter: DeviceFilter.optional(),
    /** The count the operator confirmed: the request fails if the selection now differs. */
    expectedCount: z.number().int().min(1).optional(),
    batchSize: z.number().int().min(1).max(1_000).default(50),
    intervalS: z.number().int().min(0).max(3_600).default(30),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.deviceIds === undefined) === (v.filter === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['deviceIds'],
        message: 'give exactly one of deviceIds or filter',
      });
    if (v.action === 'switchPool' && v.poolId === undefined)
      ctx.addIssue({ code: 'custom', path: ['poolId'], message: 'switchPool needs a poolId' });
    if (v.action === 'setPowerTarget' && v.powerTargetW === undefined)
      ctx.addIssue({ code: 'custom', path: ['powerTargetW'], message: 'setPowerTarget needs powerTargetW' });
  });
export type BulkActionInput = z.infer<typeof BulkActionInput>;

export type ActionView = {
  id: number;
  deviceId: number;
  deviceName: string | null;
  action: ActionName;
  params: ActionParams;
  status: ActionStatus;
  phase: ActionPhase;
  reason: string | null;
  reasonKind: string | null;
  requestedBy: string;
  batchId: string | null;
  simulated: boolean;
  createdAt: string;
  dueAt: string;
  sentAt: string | null;
  deadlineAt: string | null;
  endedAt: string | null;
};

export type BatchProgress = {
  id: string;
  action: ActionName;
  total: number;
  batchSize: number;
  intervalS: number;
  requestedBy: string;
  createdAt: string;
  counts: Record<ActionStatus, number>;
  /** Actions that ended (anything but pending). */
  done: number;
  finished: boolean;
};
