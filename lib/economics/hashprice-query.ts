import { z } from 'zod';
import { CURRENT_SUBSIDY_BTC } from './constants';
import { hashprice, networkHashrateEhs } from './hashprice';
import { subsidyBtcAtHeight } from './subsidy';

/**
 * Query parsing for `GET /api/v1/economics/hashprice?difficulty&btcUsd&feesBtcPerBlock[&subsidyBtc|&height]`.
 * Unknown parameters are rejected rather than ignored: a typo such as `subsidy=1.5625` would otherwise
 * silently fall back to the default subsidy and return a plausible but wrong hashprice.
 */

// Plain decimal or exponent notation only; Number() would also accept "", "0x10", "Infinity" and " ".
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function toNumber(value: unknown): unknown {
  return typeof value === 'string' && NUMBER_TEXT.test(value.trim()) ? Number(value.trim()) : value;
}

function numberParam() {
  return z.number({
    error: (issue) => {
      if (issue.input === undefined) return 'is required';
      if (Array.isArray(issue.input)) return 'must be given once';
      return 'must be a number';
    },
  });
}

export const HashpriceQuerySchema = z
  .strictObject({
    difficulty: z.preprocess(
      toNumber,
      numberParam().gt(0, { error: 'must be > 0' }).lt(1e18, { error: 'must be < 1e18' }),
    ),
    btcUsd: z.preprocess(
      toNumber,
      numberParam().gt(0, { error: 'must be > 0' }).lt(1e8, { error: 'must be < 1e8' }),
    ),
    feesBtcPerBlock: z.preprocess(
      toNumber,
      numberParam().min(0, { error: 'must be ≥ 0' }).max(100, { error: 'must be ≤ 100' }),
    ),
    subsidyBtc: z
      .preprocess(toNumber, numberParam().min(0, { error: 'must be ≥ 0' }).max(50, { error: 'must be ≤ 50' }))
      .optional(),
    height: z
      .preprocess(
        toNumber,
        numberParam()
          .int({ error: 'must be an integer' })
          .min(0, { error: 'must be ≥ 0' })
          .max(10_000_000, { error: 'must be ≤ 10000000' }),
      )
      .optional(),
  })
  .superRefine((query, ctx) => {
    if (query.subsidyBtc !== undefined && query.height !== undefined) {
      for (const field of ['subsidyBtc', 'height'] as const) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'give either subsidyBtc or height, not both',
        });
      }
    }
  });

export type HashpriceQuery = z.output<typeof HashpriceQuerySchema>;

export type HashpriceQueryParseResult =
  | { success: true; data: HashpriceQuery }
  | { success: false; fieldErrors: Record<string, string[]>; message: string };

type QueryInput = URLSearchParams | Record<string, string | string[] | number | undefined>;

function toRecord(input: QueryInput): Record<string, unknown> {
  if (!(input instanceof URLSearchParams)) return input;
  const record: Record<string, unknown> = {};
  for (const key of new Set(input.keys())) {
    const values = input.getAll(key);
    record[key] = values.length === 1 ? values[0] : values;
  }
  return record;
}

/** Validates the query; on failure every message is attached to the parameter it concerns. */
export function parseHashpriceQuery(input: QueryInput): HashpriceQueryParseResult {
  const parsed = HashpriceQuerySchema.safeParse(toRecord(input));
  if (parsed.success) return { success: true, data: parsed.data };
  const fieldErrors: Record<string, string[]> = {};
  const add = (field: string, message: string) => {
    fieldErrors[field] = [...(fieldErrors[field] ?? []), message];
  };
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(key, 'unknown parameter');
    } else {
      add(String(issue.path[0] ?? 'query'), issue.message);
    }
  }
  const message = Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages.join(', ')}`)
    .join('; ');
  return { success: false, fieldErrors, message };
}

export type HashpriceResponse = {
  usdPerThDay: number;
  usdPerPhDay: number;
  btcPerPhDay: number;
  btcPerThDay: number;
  networkHashrateEhs: number;
  subsidyBtc: number;
  inputs: {
    difficulty: number;
    btcUsd: number;
    feesBtcPerBlock: number;
    subsidyBtc: number;
    height: number | null;
    subsidySource: 'query' | 'height' | 'default';
  };
};

/** Subsidy from the query, else from `height`, else the current era's 3.125 BTC. */
export function computeHashpriceResponse(query: HashpriceQuery): HashpriceResponse {
  const { difficulty, btcUsd, feesBtcPerBlock } = query;
  const subsidySource =
    query.subsidyBtc !== undefined ? 'query' : query.height !== undefined ? 'height' : 'default';
  const subsidyBtc =
    query.subsidyBtc ?? (query.height !== undefined ? subsidyBtcAtHeight(query.height) : CURRENT_SUBSIDY_BTC);
  const rates = hashprice({ difficulty, btcUsd, feesBtcPerBlock, subsidyBtc });
  return {
    usdPerThDay: rates.usdPerThDay,
    usdPerPhDay: rates.usdPerPhDay,
    btcPerPhDay: rates.btcPerPhDay,
    btcPerThDay: rates.btcPerThDay,
    networkHashrateEhs: networkHashrateEhs(difficulty),
    subsidyBtc,
    inputs: { difficulty, btcUsd, feesBtcPerBlock, subsidyBtc, height: query.height ?? null, subsidySource },
  };
}
