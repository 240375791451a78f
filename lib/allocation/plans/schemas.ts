import { z } from 'zod';

export const PlanListQuery = z.object({
  status: z.enum(['draft', 'applied', 'superseded']).optional(),
  source: z.enum(['manual', 'auto']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const AutoSettingsUpdate = z
  .object({
    siteId: z
      .number()
      .int()
      .positive()
      .max(2 ** 31 - 1),
    autoEnabled: z.boolean().optional(),
    intervalMin: z.number().int().min(5).max(240).optional(),
    horizonH: z.number().int().min(1).max(168).optional(),
    maxSwitchPct: z.number().min(0).max(100).optional(),
    quietHours: z.array(z.number().int().min(0).max(23)).max(24).optional(),
  })
  .strict();
export type AutoSettingsUpdate = z.infer<typeof AutoSettingsUpdate>;

export const DecisionListQuery = z.object({
  siteId: z.coerce.number().int().positive().optional(),
  planId: z.coerce.number().int().positive().optional(),
  mode: z.enum(['manual', 'auto']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type PlanListQuery = z.infer<typeof PlanListQuery>;
export type DecisionListQuery = z.infer<typeof DecisionListQuery>;
