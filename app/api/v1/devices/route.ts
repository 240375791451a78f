// GET /api/v1/devices – filter (siteId, rackId, class, status, q), sort, cursor pagination; POST – register a device.
import { parseJson } from '@/lib/http/body';
import { parseQuery, route } from '@/lib/http/route';
import { createDevice, listDevices } from '@/lib/inventory/devices';
import { DeviceCreate, DeviceListQuery } from '@/lib/inventory/schemas';

export const GET = route(async ({ req, actor }) => listDevices(actor, parseQuery(req, DeviceListQuery)));

export const POST = route(async ({ req, actor }) => {
  const device = await createDevice(actor, await parseJson(req, DeviceCreate));
  return Response.json(device, { status: 201 });
});
