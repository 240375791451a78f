import { z } from 'zod';

/**
 * The plans API request (issue #10 contract), pure so the browser what-if validates the same
 * overrides. Absent constraints are on; absent overrides keep the live market.
 */

const usd = z.number().finite().min(0).max(1e7);

export const AllocationOverrides = z
  .object({
    btcUsd: z.number().finite().positive().max(1e8).optional(),
    difficulty: z.number().finite().positive().max(1e20).optional(),
    feesBtcPerBlock: z.number().finite().min(0).max(1000).optional(),
    hashpriceUsdPerPhDay: z.number().finite().min(0).max(1e6).optional(),
    priceUsdPerMwh: z
      .record(
        z.string().regex(/^[1-9][0-9]{0,9}$/, 'site id'),
        z.union([
          z.number().finite().min(-10_000).max(100_000),
          z.array(z.number().finite().min(-10_000).max(100_000)).min(1).max(336),
        ]),
      )
      .optional(),
    gpuUsdPerHour: z.record(z.string().trim().min(1).max(64), usd.max(1000)).optional(),
  })
  .strict();
export type AllocationOverrides = z.infer<typeof AllocationOverrides>;

export const AllocationConstraints = z
  .object({ guardrails: z.boolean().optional(), holdTimes: z.boolean().optional() })
  .strict();

export const PlanRequest = z
  .object({
    siteIds: z
      .array(
        z
          .number()
          .int()
          .positive()
          .max(2 ** 31 - 1),
      )
      .min(1)
      .max(1000)
      .optional(),
    horizonH: z.number().int().min(1).max(168).default(24),
    intervalMin: z.union([z.literal(15), z.literal(30), z.literal(60)]).default(60),
    constraints: AllocationConstraints.optional(),
    overrides: AllocationOverrides.optional(),
    /** "auto" (default): HiGHS where the instance is small enough, else the heuristic. */
    solver: z.enum(['auto', 'heuristic', 'highs']).default('auto'),
  })
  .strict();
export type PlanRequest = z.infer<typeof PlanRequest>;

export function constraintsOf(c: z.infer<typeof AllocationConstraints> | undefined) {
  return { guardrails: c?.guardrails ?? true, holdTimes: c?.holdTimes ?? true };
}
