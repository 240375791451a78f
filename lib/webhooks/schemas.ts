import { z } from 'zod';

/** Event types an endpoint can subscribe to. Add here, then emit with `emitEvent`. */
export const WEBHOOK_EVENTS = [
  'alert.fired',
  'alert.resolved',
  'job.status_changed',
  'plan.applied',
  'action.confirmed',
  'action.failed',
  'device.offline',
  'webhook.test',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const WebhookCreate = z.strictObject({
  name: z.string().trim().min(1).max(120),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(500),
  /** Omitted or null: every event. */
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).nullable().optional(),
  enabled: z.boolean().default(true),
});
export type WebhookCreate = z.infer<typeof WebhookCreate>;

export const WebhookUpdate = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(500)
    .optional(),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).nullable().optional(),
  enabled: z.boolean().optional(),
});
export type WebhookUpdate = z.infer<typeof WebhookUpdate>;

export const DeliveryListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
