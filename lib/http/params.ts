import { z } from 'zod';

/**
 * A positive integer id from a path segment, in canonical decimal only: `0x4B7`, `1e3`, ` 1 `,
 * `01` or `1.0` would all coerce to a number but are not ids, so they are a 400 with the field named.
 */
export const IdParam = z
  .string({ error: 'id must be a number' })
  .regex(/^[1-9][0-9]{0,9}$/, 'id must be a positive decimal integer')
  .transform(Number)
  .pipe(z.number().max(2 ** 31 - 1, 'id is too large'));

/** `?siteId=` narrowing a fleet view to one site. */
export const SiteIdQuery = z.object({ siteId: IdParam.optional() });
