// GET /api/auth/me – who is calling (session or token).
import { route } from '@/lib/http/route';

export const GET = route(async ({ actor, via }) => ({ ...actor, via }));
