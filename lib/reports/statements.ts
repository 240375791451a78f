// Monthly statements per tenant: once a month has ended in the tenant's zone, its energy-and-cost
// report (the hosting bill) is rendered as a PDF and stored in the database (tenant_statement), so a
// database backup carries every statement. The unique key (tenant, month) makes generation
// idempotent: a restart, a second instance or a manual request never stores a month twice, and
// only the insert that wins queues the notifications (same transaction, notification outbox).
import { z } from 'zod';
import { recordAudit } from '../audit/record';
import { type Actor, requireRole, requireStaff, SYSTEM_ACTOR } from '../auth/actor';
import { getDb } from '../db/client';
import { badRequest, notFound } from '../errors';
import { IdString } from '../ids';
import { isValidTimeZone, localParts } from '../time/zone';
import { localDayStartMs } from './days';
import { getReport } from './get-report';
import { reportPdf } from './pdf';

const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export type StatementView = {
  id: number;
  tenantId: number;
  tenantName: string;
  period: string;
  timezone: string;
  from: string;
  to: string;
  totals: Record<string, number | null>;
  sizeBytes: number;
  createdAt: string;
  downloadPath: string;
};

/** The message a notification target gets for a new statement (stored as the outbox payload). */
export type StatementMessage = {
  statementId: number;
  tenantId: number;
  tenantName: string;
  period: string;
  totals: Record<string, number | null>;
  ts: number;
};

/** The instance's own zone (TZ of the server process), UTC when it has none or an odd one. */
export function instanceZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : 'UTC';
}

/** [from, to) of a calendar month in a zone; `period` is YYYY-MM. */
export function monthRange(period: string, timeZone: string): { fromMs: number; toMs: number } {
  const m = PERIOD_RE.exec(period);
  if (!m) throw badRequest('month must be YYYY-MM');
  const [y, mo] = [Number(m[1]), Number(m[2])];
  const next = mo === 12 ? [y + 1, 1] : [y, mo + 1];
  return {
    fromMs: localDayStartMs(y, mo, 1, timeZone),
    toMs: localDayStartMs(next[0]!, next[1]!, 1, timeZone),
  };
}

/** The last month that has fully ended at `nowMs` in the zone. */
export function previousMonth(nowMs: number, timeZone: string): string {
  const p = localParts(nowMs, timeZone);
  const [y, mo] = p.month === 1 ? [p.year - 1, 12] : [p.year, p.month - 1];
  return `${y}-${String(mo).padStart(2, '0')}`;
}

/** The tenant's own zone, else the zone of its one site, else the instance's. */
export async function statementZone(tenantId: number): Promise<string> {
  const db = getDb();
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { timezone: true } });
  if (!tenant) throw notFound(`Tenant ${tenantId}`);
  if (tenant.timezone) return tenant.timezone;
  const sites = await db.device.findMany({
    where: { tenantId },
    distinct: ['siteId'],
    select: { site: { select: { timezone: true } } },
    take: 2,
  });
  const zones = [...new Set(sites.map((s) => s.site.timezone))];
  return zones.length === 1 ? zones[0]! : instanceZone();
}

type Row = {
  id: number;
  tenantId: number;
  period: string;
  timezone: string;
  fromMs: bigint;
  toMs: bigint;
  totals: string;
  sizeBytes: number;
  createdAt: bigint;
};

function toView(r: Row, names: Map<number, string>): StatementView {
  return {
    id: r.id,
    tenantId: r.tenantId,
    tenantName: names.get(r.tenantId) ?? `Tenant ${r.tenantId}`,
    period: r.period,
    timezone: r.timezone,
    from: new Date(Number(r.fromMs)).toISOString(),
    to: new Date(Number(r.toMs)).toISOString(),
    totals: JSON.parse(r.totals) as Record<string, number | null>,
    sizeBytes: r.sizeBytes,
    createdAt: new Date(Number(r.createdAt)).toISOString(),
    downloadPath: `/api/v1/statements/${r.id}`,
  };
}

const LIST_SELECT = {
  id: true,
  tenantId: true,
  period: true,
  timezone: true,
  fromMs: true,
  toMs: true,
  totals: true,
  sizeBytes: true,
  createdAt: true,
} as const;

async function tenantNames(ids: number[]): Promise<Map<number, string>> {
  const rows = await getDb().tenant.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((t) => [t.id, t.name]));
}

/**
 * Renders and stores one tenant's statement for one month. `created` is false when that month was
 * already stored (by an earlier run, another instance, or a concurrent call): nothing is queued twice.
 */
export async function generateStatement(
  tenantId: number,
  period: string,
  nowMs: number,
): Promise<{ created: boolean; statement: StatementView }> {
  const db = getDb();
  const existing = await db.tenantStatement.findUnique({
    where: { tenantId_period: { tenantId, period } },
    select: LIST_SELECT,
  });
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { id: true, name: true } });
  if (!tenant) throw notFound(`Tenant ${tenantId}`);
  const names = new Map([[tenant.id, tenant.name]]);
  if (existing) return { created: false, statement: toView(existing, names) };
  const timezone = await statementZone(tenantId);
  const { fromMs, toMs } = monthRange(period, timezone);
  if (toMs > nowMs) throw badRequest(`${period} has not ended yet in ${timezone}`);
  const report = await getReport(
    SYSTEM_ACTOR,
    'energy',
    { tenantId, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() },
    nowMs,
  );
  const pdf = await reportPdf({ ...report, title: `Statement ${period}` }, tenant.name);
  const totals = JSON.stringify(report.totals);
  const targets = await db.notificationTarget.findMany({ where: { enabled: true }, select: { id: true } });
  const message: StatementMessage = {
    statementId: 0,
    tenantId,
    tenantName: tenant.name,
    period,
    totals: report.totals,
    ts: nowMs,
  };
  try {
    const row = await db.$transaction(async (tx) => {
      const created = await tx.tenantStatement.create({
        data: {
          tenantId,
          period,
          timezone,
          fromMs: BigInt(fromMs),
          toMs: BigInt(toMs),
          totals,
          pdf,
          sizeBytes: pdf.byteLength,
          createdAt: BigInt(nowMs),
        },
        select: LIST_SELECT,
      });
      if (targets.length)
        await tx.notificationOutbox.createMany({
          data: targets.map((t) => ({
            targetId: t.id,
            // Not an alert: statement messages carry alert id 0 and the event `statement`.
            alertId: 0,
            event: 'statement',
            payload: JSON.stringify({ ...message, statementId: created.id }),
            nextAttemptAt: BigInt(nowMs),
            createdAt: BigInt(nowMs),
          })),
        });
      return created;
    });
    return { created: true, statement: toView(row, names) };
  } catch (err) {
    if ((err as { code?: string }).code !== 'P2002') throw err;
    const winner = await db.tenantStatement.findUniqueOrThrow({
      where: { tenantId_period: { tenantId, period } },
      select: LIST_SELECT,
    });
    return { created: false, statement: toView(winner, names) };
  }
}

export type StatementsTick = { generated: number; skipped: number; failed: number };

/**
 * The scheduled job: for every tenant, the last month that has ended in its zone, unless stored
 * already or the tenant did not exist yet when it ended. Catching up after downtime is the same
 * pass: the statement of the first of the month is made whenever the job next runs.
 */
export async function runStatementsTick(nowMs: number, log: (line: string) => void = console.log) {
  const summary: StatementsTick = { generated: 0, skipped: 0, failed: 0 };
  const tenants = await getDb().tenant.findMany({ select: { id: true, name: true, createdAt: true } });
  for (const t of tenants) {
    try {
      const zone = await statementZone(t.id);
      const period = previousMonth(nowMs, zone);
      const { toMs } = monthRange(period, zone);
      const stored = await getDb().tenantStatement.findUnique({
        where: { tenantId_period: { tenantId: t.id, period } },
        select: { id: true },
      });
      if (stored || t.createdAt.getTime() >= toMs) {
        summary.skipped++;
        continue;
      }
      const { created } = await generateStatement(t.id, period, nowMs);
      if (created) {
        summary.generated++;
        log(`[statements] ${t.name}: ${period} stored`);
      } else summary.skipped++;
    } catch (error) {
      summary.failed++;
      log(`[statements] ${t.name}: ${(error as Error).message}`);
    }
  }
  return summary;
}

/** Staff see every tenant's statements (or one tenant's); a hosting client only its own. */
export async function listStatements(actor: Actor, tenantId?: number): Promise<StatementView[]> {
  requireRole(actor, 'viewer');
  if (actor.tenantId !== null && tenantId !== undefined && tenantId !== actor.tenantId)
    throw notFound(`Tenant ${tenantId}`);
  const only = actor.tenantId ?? tenantId;
  const rows = await getDb().tenantStatement.findMany({
    where: only === undefined ? {} : { tenantId: only },
    orderBy: [{ period: 'desc' }, { tenantId: 'asc' }],
    take: 500,
    select: LIST_SELECT,
  });
  const names = await tenantNames([...new Set(rows.map((r) => r.tenantId))]);
  return rows.map((r) => toView(r, names));
}

/** The stored PDF; another tenant's statement is "not found" to a hosting client. */
export async function getStatementPdf(
  actor: Actor,
  id: number,
): Promise<{ pdf: Uint8Array<ArrayBuffer>; fileName: string }> {
  requireRole(actor, 'viewer');
  const row = await getDb().tenantStatement.findUnique({ where: { id } });
  if (!row || (actor.tenantId !== null && row.tenantId !== actor.tenantId)) throw notFound(`Statement ${id}`);
  return { pdf: Uint8Array.from(row.pdf), fileName: `statement-tenant${row.tenantId}-${row.period}.pdf` };
}

export const StatementListQuery = z.strictObject({ tenantId: IdString.optional() });
export const StatementRequest = z.strictObject({
  tenantId: z.number().int().positive(),
  month: z.string().regex(PERIOD_RE, 'YYYY-MM'),
});
export type StatementRequest = z.infer<typeof StatementRequest>;

/** Staff generate (or fetch, when stored already) one tenant's statement for a month that has ended. */
export async function requestStatement(actor: Actor, input: StatementRequest, nowMs: number) {
  requireStaff(actor, 'admin');
  const result = await generateStatement(input.tenantId, input.month, nowMs);
  if (result.created)
    await recordAudit(actor, 'statement.generate', `tenant:${input.tenantId}`, { month: input.month });
  return result;
}
