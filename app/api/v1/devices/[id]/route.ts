// GET/PATCH/DELETE /api/v1/devices/{id}

import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { deleteDevice, getDevice, updateDevice } from '@/lib/inventory/devices';
import { DeviceUpdate } from '@/lib/inventory/schemas';

type P = { id: string };

export const GET = route<P>(async ({ actor, params }) => getDevice(actor, IdParam.parse(params.id)));

export const PATCH = route<P>(async ({ req, actor, params }) =>
  updateDevice(actor, IdParam.parse(params.id), await parseJson(req, DeviceUpdate)),
);

export const DELETE = route<P>(async ({ actor, params }) => {
  await deleteDevice(actor, IdParam.parse(params.id));
  return null;
});
