// PUT /api/v1/devices/{id}/credentials { username?, password?, apiKey? } → { hasCredentials: true };
// DELETE → { hasCredentials: false }. Write-only: nothing ever reads them back through the API.
import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import {
  clearDeviceCredentials,
  DeviceCredentialsInput,
  setDeviceCredentials,
} from '@/lib/inventory/credentials';

type P = { id: string };

export const PUT = route<P>(async ({ req, actor, params }) =>
  setDeviceCredentials(
    actor,
    IdParam.parse(params.id),
    await parseJson(req, DeviceCredentialsInput),
    Date.now(),
  ),
);

export const DELETE = route<P>(async ({ actor, params }) =>
  clearDeviceCredentials(actor, IdParam.parse(params.id)),
);
