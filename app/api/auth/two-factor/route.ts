// GET /api/auth/two-factor – the caller's two-factor state (session cookie only: tokens have none).
import { requireSessionCaller } from '@/lib/auth/account';
import { getTwoFactorStatus } from '@/lib/auth/two-factor';
import { publicRoute } from '@/lib/http/route';

export const GET = publicRoute(async ({ req }) => {
  const { actor } = await requireSessionCaller(req);
  return getTwoFactorStatus(actor);
});
