// GET /api/v1/discovery/{id} – { status, progress, found: [{ host, port, protocol, vendor, model, firmware, mac, knownDeviceId? }] }
import { getScan } from '@/lib/discovery/scans';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

type P = { id: string };

export const GET = route<P>(async ({ actor, params }) => getScan(actor, IdParam.parse(params.id)));
