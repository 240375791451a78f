// DELETE /api/v1/users/{id}/two-factor – an admin turns off a user's two-factor (lost phone and
// recovery codes); the user's sessions end.
import { resetTwoFactor } from '@/lib/auth/two-factor';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

type P = { id: string };

export const DELETE = route<P>(async ({ actor, params }) => {
  await resetTwoFactor(actor, IdParam.parse(params.id));
  return null;
});
