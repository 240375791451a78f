// GET/PUT /api/v1/settings/security { requiredRoles } – which roles must use two-factor.
import { getTwoFactorPolicy, setTwoFactorPolicy, TwoFactorPolicy } from '@/lib/auth/two-factor-policy';
import { parseJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';

export const GET = route(async ({ actor }) => getTwoFactorPolicy(actor), { minRole: 'admin' });

export const PUT = route(
  async ({ req, actor }) =>
    setTwoFactorPolicy(actor, await parseJson(req, TwoFactorPolicy, { maxBytes: 10_000 })),
  { minRole: 'admin' },
);
