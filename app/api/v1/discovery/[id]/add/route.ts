// POST /api/v1/discovery/{id}/add { siteId, items: [{ host, port, modelId?, name? }], modelId?, rackId? }
// → { created, skipped }: found endpoints become devices; already known ones are skipped.
import { addFromScan } from '@/lib/discovery/add';
import { DiscoveryAdd } from '@/lib/discovery/schemas';
import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

type P = { id: string };

export const POST = route<P>(
  async ({ req, actor, params }) =>
    addFromScan(actor, IdParam.parse(params.id), await parseJson(req, DiscoveryAdd)),
  { minRole: 'operator' },
);
