// GET /api/v1/jobs?status&q&tenantId – the queue with status counts; POST – queue a job (operator).
import { parseJson } from '@/lib/http/body';
import { parseQuery, route } from '@/lib/http/route';
import { createJob, listJobs } from '@/lib/workloads/jobs';
import { JobCreate, JobListQuery } from '@/lib/workloads/schemas';

export const GET = route(async ({ req, actor }) =>
  listJobs(actor, parseQuery(req, JobListQuery), Date.now()),
);

export const POST = route(async ({ req, actor }) => {
  const job = await createJob(actor, await parseJson(req, JobCreate), Date.now());
  return Response.json(job, { status: 201 });
});
