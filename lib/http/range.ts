import { z } from 'zod';
import { DEFAULT_RANGE_PRESET, MAX_RANGE_MS, RANGE_PRESET_MS, RANGE_PRESETS } from '../time/range';

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
    range: z.enum(RANGE_PRESETS).optional(),
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
    const from = q.from ?? to - RANGE_PRESET_MS[q.range ?? DEFAULT_RANGE_PRESET];
    if (from >= to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must be before to' });
    if (to - from > MAX_RANGE_MS)
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'range is limited to 400 days' });
    return { from, to, stepMs: q.step, now };
  });
