// GET /api/v1/device-models – the model catalogue with nameplate figures and power profiles.
import { route } from '@/lib/http/route';
import { listDeviceModels } from '@/lib/inventory/models';

export const GET = route(async ({ actor }) => ({ data: await listDeviceModels(actor) }));
