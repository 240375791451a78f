// GET /api/v1/alerts/count – firing alerts in the caller's scope (the navigation badge).
import { countFiringAlerts } from '@/lib/alerts/alerts';
import { route } from '@/lib/http/route';

export const GET = route(async ({ actor }) => ({ firing: await countFiringAlerts(actor) }));
