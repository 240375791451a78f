// DELETE /api/v1/tokens/{id} – revoke a token (kept for the audit trail).

import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { revokeApiToken } from '@/lib/auth/api-tokens';

export const DELETE = route<{ id: string }>(async ({ actor, params }) => {
  await revokeApiToken(actor, IdParam.parse(params.id));
  return null;
});
