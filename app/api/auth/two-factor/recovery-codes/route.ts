// POST /api/auth/two-factor/recovery-codes { password } | { code } – ten new recovery codes; the
// old ones stop working.
import { requireSessionCaller } from '@/lib/auth/account';
import { ReauthInput, regenerateRecoveryCodes } from '@/lib/auth/two-factor';
import { parseJson } from '@/lib/http/body';
import { publicRoute } from '@/lib/http/route';

export const POST = publicRoute(async ({ req }) => {
  const { actor } = await requireSessionCaller(req);
  return regenerateRecoveryCodes(actor, await parseJson(req, ReauthInput, { maxBytes: 10_000 }));
});
