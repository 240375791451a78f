// GET /api/v1/discovery – recent scans; POST { cidr, ports?, protocols?, allowPublic? } – start a scan (202).

import { listScans, startScan } from '@/lib/discovery/scans';
import { DiscoveryRequest } from '@/lib/discovery/schemas';
import { parseJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';

export const GET = route(async ({ actor }) => ({ data: await listScans(actor) }));

export const POST = route(
  async ({ req, actor }) => {
    const scan = await startScan(actor, await parseJson(req, DiscoveryRequest));
    return Response.json(scan, { status: 202, headers: { location: `/api/v1/discovery/${scan.id}` } });
  },
  { minRole: 'operator' },
);
