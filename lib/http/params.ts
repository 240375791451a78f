import { z } from 'zod';

/** A positive integer id from a path segment; anything else is a 400 with the field named. */
export const IdParam = z.coerce
  .number({ error: 'id must be a number' })
  .int()
  .positive()
  .max(2 ** 31 - 1);
