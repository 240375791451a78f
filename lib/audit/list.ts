// Reading the audit log: filters, keyset pages (newest first) and a streamed CSV export. Staff admins
// only — the log mixes every tenant's users and fleet-wide actions, and its details name objects of
// all tenants, so a per-tenant view would need a tenant on every event first.
import { z } from 'zod';
import { type Actor, requireStaff } from '../auth/actor';
import { getDb } from '../db/client';
import { badRequest } from '../errors';
import { QueryId, queryInt } from '../ids';
import { pagedCsvStream } from '../reports/csv-stream';
import type { Cell, Column } from '../reports/types';

const DAY_MS = 86_400_000;
const bound = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((v) => (v ? v : undefined));

export const AuditQuery = z.strictObject({
  /** Part of the actor's name (a user's name or email, a token's name). */
  actor: z.string().trim().max(200).optional(),
  /** An action or its area: `user.create`, or `user.` for every user action. */
  action: z.string().trim().max(100).optional(),
  /** ISO-8601 instant or a UTC date; a bare `to` date includes that whole day. */
  from: bound,
  to: bound,
  cursor: QueryId.optional(),
  limit: queryInt(1, 500).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** `GET /api/v1/audit/export`: the same filters, the whole result. */
export const AuditExportQuery = AuditQuery.omit({ cursor: true, limit: true });

export type AuditEventView = {
  id: number;
  ts: string;
  actorType: string;
  actorId: number | null;
  actorName: string;
  action: string;
  target: string | null;
  details: string | null;
  ip: string | null;
};

/** Pure: a filter bound in epoch ms (`to` exclusive), or a 400 naming the bad value. */
export function auditBound(text: string | undefined, side: 'from' | 'to'): number | undefined {
  if (text === undefined) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const ms = dateOnly
    ? Date.parse(`${text}T00:00:00Z`)
    : /^\d{4}-\d{2}-\d{2}T/.test(text)
      ? Date.parse(text)
      : NaN;
  if (!Number.isFinite(ms))
    throw badRequest(`${side} must be an ISO-8601 instant or a date (YYYY-MM-DD)`, [
      { path: side, message: `not a date: ${text}` },
    ]);
  return dateOnly && side === 'to' ? ms + DAY_MS : ms;
}

function whereOf(query: Omit<AuditQuery, 'limit' | 'cursor'>) {
  const from = auditBound(query.from, 'from');
  const to = auditBound(query.to, 'to');
  if (from !== undefined && to !== undefined && from >= to) throw badRequest('from must be before to');
  return {
    ...(query.actor ? { actorName: { contains: query.actor } } : {}),
    ...(query.action
      ? query.action.endsWith('.')
        ? { action: { startsWith: query.action } }
        : { action: query.action }
      : {}),
    ...(from !== undefined || to !== undefined
      ? {
          ts: {
            ...(from !== undefined ? { gte: new Date(from) } : {}),
            ...(to !== undefined ? { lt: new Date(to) } : {}),
          },
        }
      : {}),
  };
}

type Row = {
  id: number;
  ts: Date;
  actorType: string;
  actorId: number | null;
  actorName: string;
  action: string;
  target: string | null;
  details: string | null;
  ip: string | null;
};

const toView = (r: Row): AuditEventView => ({ ...r, ts: r.ts.toISOString() });

async function page(query: Omit<AuditQuery, 'cursor'>, cursor: number | undefined, limit: number) {
  const rows = await getDb().auditEvent.findMany({
    where: { ...whereOf(query), ...(cursor !== undefined ? { id: { lt: cursor } } : {}) },
    orderBy: { id: 'desc' },
    take: limit + 1,
  });
  const more = rows.length > limit;
  const data = rows.slice(0, limit);
  return { data, nextCursor: more ? String(data.at(-1)!.id) : null };
}

/** One page, newest first, with the actions recorded so far (for the filter's choices). */
export async function listAuditEvents(actor: Actor, query: AuditQuery) {
  requireStaff(actor, 'admin');
  const [{ data, nextCursor }, actions] = await Promise.all([
    page(query, query.cursor, query.limit),
    getDb().auditEvent.findMany({
      distinct: ['action'],
      select: { action: true },
      orderBy: { action: 'asc' },
    }),
  ]);
  return { data: data.map(toView), nextCursor, actions: actions.map((a) => a.action) };
}

export const AUDIT_CSV_COLUMNS: Column[] = [
  { key: 'ts', label: 'Time', type: 'datetime' },
  { key: 'actorType', label: 'Actor type', type: 'string' },
  { key: 'actorName', label: 'Actor', type: 'string' },
  { key: 'action', label: 'Action', type: 'string' },
  { key: 'target', label: 'Target', type: 'string' },
  { key: 'ip', label: 'Address', type: 'string' },
  { key: 'details', label: 'Details', type: 'string' },
];

/** The whole filtered log as CSV, newest first, read 1,000 rows at a time as the client pulls. */
export function auditCsvStream(actor: Actor, query: Omit<AuditQuery, 'cursor' | 'limit'>) {
  requireStaff(actor, 'admin');
  whereOf(query); // a bad bound answers 400 before the download starts
  return pagedCsvStream<number>(AUDIT_CSV_COLUMNS, async (cursor) => {
    const next = await page({ ...query, limit: 1000 }, cursor ?? undefined, 1000);
    const rows: Cell[][] = next.data.map((r) => [
      r.ts.toISOString(),
      r.actorType,
      r.actorName,
      r.action,
      r.target,
      r.ip,
      r.details,
    ]);
    return { rows, cursor: next.nextCursor === null ? null : Number(next.nextCursor) };
  });
}
