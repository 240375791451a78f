// Every device of one site in name order, page by page through the devices list — what the
// assignment board's siteDevicesQuery loads from GET /api/v1/devices, read on the server so the
// board's first HTML already holds the site's devices.
import type { Actor } from '../auth/actor';
import { listDevices } from '../inventory/devices';
import { DeviceListQuery } from '../inventory/schemas';

const PAGE = 500;
const MAX_DEVICES = 20_000;

export async function listSiteDevices(actor: Actor, siteId: number) {
  const rows: Awaited<ReturnType<typeof listDevices>>['data'] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof listDevices>> = await listDevices(
      actor,
      DeviceListQuery.parse({ siteId, sort: 'name', dir: 'asc', limit: PAGE, cursor: cursor ?? undefined }),
    );
    rows.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor && rows.length < MAX_DEVICES);
  return rows;
}
