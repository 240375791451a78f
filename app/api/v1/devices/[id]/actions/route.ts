// GET /api/v1/devices/{id}/actions – what the device offers (capabilities) and its action history;
// POST { action, poolId?, powerTargetW? } → 202 { id, status: "pending" } – sent by the executor,
// confirmed by telemetry (GET /api/v1/actions/{id}).
import { getDeviceCapabilities } from '@/lib/actions/device-capabilities';
import { listActions, requestAction } from '@/lib/actions/requests';
import { ActionInput } from '@/lib/actions/types';
import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

type P = { id: string };

export const GET = route<P>(async ({ actor, params }) => {
  const id = IdParam.parse(params.id);
  const capabilities = await getDeviceCapabilities(actor, id);
  const { data } = await listActions(actor, { deviceId: id, limit: 50 });
  return { capabilities, data };
});

export const POST = route<P>(async ({ req, actor, params }) =>
  Response.json(
    await requestAction(actor, IdParam.parse(params.id), await parseJson(req, ActionInput), Date.now()),
    {
      status: 202,
    },
  ),
);
