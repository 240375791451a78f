// GET /api/v1/devices/{id}/assignments – what the device did when (newest first), its current
// workload, expected pool and worker name.
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { listDeviceAssignments } from '@/lib/workloads/history';

type P = { id: string };

export const GET = route<P>(async ({ actor, params }) =>
  listDeviceAssignments(actor, IdParam.parse(params.id)),
);
