// POST /api/v1/devices/move-tenant { deviceIds, tenantId | null } – bulk move between hosting clients
// (staff admin), audited, each move's time kept for the hosting bill → { moved, unchanged, tenantId, movedAt }.
import { parseJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';
import { DeviceMove, moveDevices } from '@/lib/tenants/move';

export const POST = route(async ({ req, actor }) =>
  moveDevices(actor, await parseJson(req, DeviceMove, { maxBytes: 200_000 }), Date.now()),
);
