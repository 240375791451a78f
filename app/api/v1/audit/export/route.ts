// GET /api/v1/audit/export?actor=&action=&from=&to= – the filtered audit log as CSV, streamed (staff admin).
import { AuditExportQuery, auditCsvStream } from '@/lib/audit/list';
import { parseQuery, route } from '@/lib/http/route';

export const GET = route(async ({ req, actor }) => {
  const stream = auditCsvStream(actor, parseQuery(req, AuditExportQuery));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-${day}.csv"`,
      'x-content-type-options': 'nosniff',
    },
  });
});
