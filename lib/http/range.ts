import { z } from 'zod';

export const RANGE_PRESETS = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
} as const;
export type RangePreset = keyof typeof RANGE_PRESETS;

const instant = z.union([
  z
    .string()
    .regex(/^\d{11,14}$/)
    .transform(Number),
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
]);

/**
 * Time range from the query string: `range=1h|24h|7d|30d` (ending now) or `from`/`to`
 * (ISO-8601 or epoch ms), optional `step` (ms). At most 400 days.
 */
export const RangeQuerySchema = z
  .object({
    range: z.enum(Object.keys(RANGE_PRESETS) as [RangePreset, ...RangePreset[]]).optional(),
    from: instant.optional(),
    to: instant.optional(),
    step: z.coerce
      .number()
      .int()
      .min(1000)
      .max(31 * 86_400_000)
      .optional(),
  })
  .transform((q, ctx) => {
    const now = Date.now();
    const to = q.to ?? now;
    const from = q.from ?? to - RANGE_PRESETS[q.range ?? '24h'];
    if (from >= to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must be before to' });
    if (to - from > 400 * 86_400_000)
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'range is limited to 400 days' });
    return { from, to, stepMs: q.step, now };
  });
