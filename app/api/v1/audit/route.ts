// GET /api/v1/audit?actor=&action=&from=&to=&cursor=&limit= – the audit log, newest first (staff admin)
// → { data: [{ id, ts, actorType, actorName, action, target, details, ip }], nextCursor, actions }.
import { AuditQuery, listAuditEvents } from '@/lib/audit/list';
import { parseQuery, route } from '@/lib/http/route';

export const GET = route(async ({ req, actor }) => listAuditEvents(actor, parseQuery(req, AuditQuery)));
