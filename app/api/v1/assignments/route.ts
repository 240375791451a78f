// GET /api/v1/assignments?deviceId&jobId&poolId&siteId&kind&current – the history, newest first;
// POST – assign devices (a list, a rack or a site) to a workload, a result per device.
import { parseJson } from '@/lib/http/body';
import { parseQuery, route } from '@/lib/http/route';
import { assignWorkload } from '@/lib/workloads/assignments';
import { listAssignments } from '@/lib/workloads/history';
import { AssignmentListQuery, AssignmentRequest } from '@/lib/workloads/schemas';

export const GET = route(async ({ req, actor }) => ({
  data: await listAssignments(actor, parseQuery(req, AssignmentListQuery)),
}));

export const POST = route(async ({ req, actor }) =>
  assignWorkload(actor, await parseJson(req, AssignmentRequest, { maxBytes: 2_000_000 }), Date.now()),
);
