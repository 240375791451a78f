// A report as the response the client asked for: JSON, or a file with Content-Disposition.
import { z } from 'zod';
import type { Actor } from '../auth/actor';
import { badRequest } from '../errors';
import { reportCsvStream } from './csv-stream';
import { parseBound } from './days';
import { getReport } from './get-report';
import { reportPdf } from './pdf';
import { telemetryCsvStream } from './telemetry-export';
import { REPORT_KINDS, reportJson } from './types';
import { reportXlsx } from './xlsx';

const id = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, 'a canonical decimal id')
  .transform(Number);

export const ReportQuerySchema = z.strictObject({
  from: z.string().min(1),
  to: z.string().min(1),
  siteId: id.optional(),
  tenantId: id.optional(),
  class: z.enum(['asic', 'micro', 'gpu']).optional(),
  format: z.enum(['json', 'csv', 'xlsx', 'pdf']).default('json'),
});
export type ReportQueryInput = z.infer<typeof ReportQuerySchema>;
export const ReportKindSchema = z.enum([...REPORT_KINDS, 'telemetry']);

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

function file(body: BodyInit, format: keyof typeof TYPES, name: string): Response {
  return new Response(body, {
    headers: {
      'content-type': TYPES[format],
      'content-disposition': `attachment; filename="${name}.${format}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function reportResponse(actor: Actor, kindText: string, q: ReportQueryInput, nowMs: number) {
  const kind = ReportKindSchema.safeParse(kindText);
  if (!kind.success) throw badRequest(`Unknown report kind ${JSON.stringify(kindText).slice(0, 40)}`);
  const filters = { siteId: q.siteId, tenantId: q.tenantId, deviceClass: q.class };
  if (kind.data === 'telemetry') {
    if (q.format !== 'csv') throw badRequest('The telemetry export is CSV only');
    const fromMs = parseBound(q.from, 'UTC', 'from');
    const toMs = parseBound(q.to, 'UTC', 'to');
    if (fromMs === null || toMs === null || fromMs >= toMs)
      throw badRequest('from and to must be a valid range');
    if (actor.tenantId !== null && q.tenantId !== undefined && q.tenantId !== actor.tenantId)
      throw badRequest('tenantId is outside your scope');
    return file(
      telemetryCsvStream(actor, filters, fromMs, toMs),
      'csv',
      `telemetry-${day(fromMs)}-${day(toMs)}`,
    );
  }
  const report = await getReport(actor, kind.data, { ...filters, from: q.from, to: q.to }, nowMs);
  if (q.format === 'json') return reportJson(report);
  const site = q.siteId !== undefined ? `-site${q.siteId}` : '';
  const tenant = q.tenantId !== undefined ? `-tenant${q.tenantId}` : '';
  const name = `${report.kind}${site}${tenant}-${day(report.fromMs)}-${day(report.toMs - 1)}`;
  if (q.format === 'csv') return file(reportCsvStream(report), 'csv', name);
  if (q.format === 'xlsx') return file(await reportXlsx(report), 'xlsx', name);
  return file(await reportPdf(report, report.subject), 'pdf', name);
}
