import { z } from 'zod';
import { BUILTIN_BITCOIN, BUILTIN_ELECTRICITY } from './builtin';

/** Request of POST /api/v1/allocation/backtests (the API contract of issue #10 §5). */

const id = z.coerce.number().int().positive();

/** ISO date or date-time (with offset or Z), or epoch ms; must fall on a whole UTC hour. */
const instant = z.union([z.string().min(10).max(40), z.number().int()]).transform((v, ctx) => {
  const ms = typeof v === 'number' ? v : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: 'not an ISO date/time or epoch ms' });
    return z.NEVER;
  }
  if (ms % 3_600_000 !== 0) {
    ctx.addIssue({ code: 'custom', message: 'must be a whole UTC hour' });
    return z.NEVER;
  }
  return ms;
});

export const PolicySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('always-mine') }).strict(),
  z
    .object({
      kind: z.literal('strike'),
      strikeUsdPerMwh: z.number().finite().min(-1000).max(100_000),
      minHoldH: z.number().int().min(0).max(168).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('optimizer'), lookahead: z.boolean().optional() }).strict(),
]);

export const BacktestRequestSchema = z
  .object({
    from: instant,
    to: instant,
    siteIds: z.array(id).min(1).max(1000).optional(),
    deviceIds: z.array(id).min(1).max(100_000).optional(),
    policies: z.array(PolicySchema).min(1).max(8),
    electricity: z
      .union([
        z.object({ builtin: z.literal(BUILTIN_ELECTRICITY) }).strict(),
        z.object({ csvUploadId: id }).strict(),
      ])
      .optional(),
    bitcoin: z
      .union([
        z.object({ builtin: z.literal(BUILTIN_BITCOIN) }).strict(),
        z.literal('market-history'),
        z.object({ csvUploadId: id }).strict(),
      ])
      .optional(),
    constraints: z
      .object({
        holdTimes: z.boolean().optional(),
        switchCostUsd: z.number().finite().min(0).max(100_000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type BacktestRequest = z.infer<typeof BacktestRequestSchema>;

export const UploadQuerySchema = z.object({
  kind: z.enum(['electricity', 'bitcoin']),
  name: z.string().trim().min(1).max(200).optional(),
  /** IANA zone for electricity timestamps without an offset. */
  timeZone: z.string().min(1).max(64).optional(),
  /** Currency of an electricity price column that does not name one. */
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .optional(),
});

export const ListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** `GET /api/v1/allocation/backtests/{id}/export?what=results|cumulative`. */
export const BacktestExportQuery = z.object({ what: z.enum(['results', 'cumulative']).default('results') });
