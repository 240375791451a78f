// GET /api/v1/pools/mismatches – devices whose reported pool is not the pool they should be on.
import { route } from '@/lib/http/route';
import { listPoolMismatches } from '@/lib/workloads/coverage';

export const GET = route(async ({ actor }) => ({ data: await listPoolMismatches(actor) }));
