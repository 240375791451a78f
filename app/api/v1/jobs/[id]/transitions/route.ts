// POST /api/v1/jobs/{id}/transitions { to } – 409 naming the allowed statuses when illegal.

import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { getJob } from '@/lib/workloads/jobs';
import { TransitionRequest } from '@/lib/workloads/schemas';
import { transitionJob } from '@/lib/workloads/transitions';

type P = { id: string };

export const POST = route<P>(async ({ req, actor, params }) => {
  const id = IdParam.parse(params.id);
  const { to, reason } = await parseJson(req, TransitionRequest);
  await transitionJob(actor, id, to, reason, Date.now());
  return getJob(actor, id, Date.now());
});
