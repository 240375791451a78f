// GET/PATCH /api/v1/jobs/{id} – a job with timeline, placement, GPU-hours and revenue.

import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { getJob, updateJob } from '@/lib/workloads/jobs';
import { JobUpdate } from '@/lib/workloads/schemas';

type P = { id: string };

export const GET = route<P>(async ({ actor, params }) => getJob(actor, IdParam.parse(params.id), Date.now()));

export const PATCH = route<P>(async ({ req, actor, params }) =>
  updateJob(actor, IdParam.parse(params.id), await parseJson(req, JobUpdate), Date.now()),
);
