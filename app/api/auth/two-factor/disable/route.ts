// POST /api/auth/two-factor/disable { password } | { code } – turns the caller's two-factor off.
import { requireSessionCaller } from '@/lib/auth/account';
import { disableTwoFactor, ReauthInput } from '@/lib/auth/two-factor';
import { parseJson } from '@/lib/http/body';
import { publicRoute } from '@/lib/http/route';

export const POST = publicRoute(async ({ req }) => {
  const { actor } = await requireSessionCaller(req);
  await disableTwoFactor(actor, await parseJson(req, ReauthInput, { maxBytes: 10_000 }));
  return null;
});
