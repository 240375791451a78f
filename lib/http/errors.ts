import { ZodError } from 'zod';
import { AppError } from '../errors';

type ErrorBody = { error: { code: string; message: string; details?: unknown } };

function json(status: number, body: ErrorBody, headers?: Record<string, string>) {
  return Response.json(body, { status, headers });
}

/** Field-level messages from a zod error: `[{ path: 'ts', message: '…' }]`. */
export function zodDetails(error: ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02',
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
  'P1001',
  'P1002',
  'P1017',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  '53300', // too_many_connections
]);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; cause?: unknown; errno?: unknown };
  if (typeof e.code === 'string') return e.code;
  return errorCode(e.cause);
}

/** Every code along the chain, including the driver's SQLSTATE that Prisma wraps (e.g. as P2039). */
function allCodes(error: unknown, out: string[] = [], depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 5) return out;
  const e = error as {
    code?: unknown;
    originalCode?: unknown;
    kind?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  for (const v of [e.code, e.originalCode, e.kind]) if (typeof v === 'string') out.push(v);
  allCodes(e.cause, out, depth + 1);
  allCodes(e.meta?.driverAdapterError, out, depth + 1);
  return out;
}

const UNAVAILABLE_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);

function isUnavailable(error: unknown): boolean {
  for (const code of allCodes(error)) {
    // SQLSTATE classes 08 (connection exception) and 57P0x (shutdown, cannot connect now).
    if (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_KINDS.has(code) || /^(08|57P0)/.test(code)) return true;
  }
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|DatabaseNotReachable|database is locked|Can't reach database|the database system is|is not queryable|terminating connection/i.test(
    message,
  );
}

/** The one place where thrown errors become `{ error: { code, message, details } }` responses. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return json(
      error.status,
      { error: { code: error.code, message: error.message, details: error.details } },
      error.headers,
    );
  }
  if (error instanceof ZodError) {
    return json(400, {
      error: { code: 'invalid_input', message: 'Invalid input', details: zodDetails(error) },
    });
  }
  const code = errorCode(error);
  if (code === 'P2002') {
    const target = (error as { meta?: { target?: unknown } }).meta?.target;
    return json(409, {
      error: { code: 'conflict', message: 'A record with these values already exists', details: { target } },
    });
  }
  if (code === 'P2025') return json(404, { error: { code: 'not_found', message: 'Record not found' } });
  if (code === 'P2003') {
    return json(409, {
      error: { code: 'conflict', message: 'The record is referenced by or references another record' },
    });
  }
  if (isUnavailable(error)) {
    console.error(`[api] database unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return json(
      503,
      { error: { code: 'unavailable', message: 'The database is unavailable; retry shortly' } },
      { 'Retry-After': '5' },
    );
  }
  console.error('[api] unexpected error', error);
  return json(500, { error: { code: 'internal', message: 'Internal server error' } });
}
