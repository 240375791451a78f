import { z } from 'zod';

/** Largest id a table's INTEGER primary key holds on both providers. */
export const MAX_ID = 2 ** 31 - 1;

const canonicalDecimal = /^(0|[1-9][0-9]{0,9})$/;

/**
 * A positive integer id written in canonical decimal only: `0x4B7`, `1e3`, ` 1 `, `01` or `1.0`
 * would all coerce to a number but are not ids, so they are refused with the field named.
 */
export const IdString = z
  .string({ error: 'id must be a number' })
  .regex(/^[1-9][0-9]{0,9}$/, 'id must be a positive decimal integer')
  .transform(Number)
  .pipe(z.number().max(MAX_ID, 'id is too large'));

/** An id in a query string (canonical decimal text) or already parsed (a positive integer). */
export const QueryId = z.union([z.number().int().positive().max(MAX_ID), IdString], {
  error: 'must be a positive decimal integer id',
});

/** A whole number in a query string, canonical decimal only, within [min, max]. */
export function queryInt(min: number, max: number) {
  return z.union(
    [
      z.number().int().min(min).max(max),
      z
        .string()
        .regex(canonicalDecimal, 'must be a whole decimal number')
        .transform(Number)
        .pipe(z.number().min(min).max(max)),
    ],
    { error: `must be a whole number from ${min} to ${max}` },
  );
}
