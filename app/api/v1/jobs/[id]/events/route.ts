// POST /api/v1/jobs/{id}/events – signed status callbacks from the webhook executor. No session or
// token: the HMAC-SHA256 signature over timestamp and body is the credential (bad or stale → 401).

import { readText } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { publicRoute } from '@/lib/http/route';
import { receiveJobEvent } from '@/lib/workloads/events';

type P = { id: string };

export const POST = publicRoute<P>(async ({ req, params }) => {
  const jobId = IdParam.parse(params.id);
  const body = await readText(req, { maxBytes: 64 * 1024 });
  return receiveJobEvent({ jobId, body, headers: req.headers, now: Date.now() });
});
