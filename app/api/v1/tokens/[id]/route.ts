// DELETE /api/v1/tokens/{id} – revoke a token (kept for the audit trail).

import { revokeApiToken } from '@/lib/auth/api-tokens';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

export const DELETE = route<{ id: string }>(async ({ actor, params }) => {
  await revokeApiToken(actor, IdParam.parse(params.id));
  return null;
});
