// PATCH /api/v1/users/{id} { name?, role?, tenantId?, password?, disabled? } – a password here is an
// admin reset; role, tenant, password or disabling end the user's sessions. DELETE – remove the account.
import { deleteManagedUser, UserUpdate, updateManagedUser } from '@/lib/auth/user-admin';
import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

type P = { id: string };

export const PATCH = route<P>(async ({ req, actor, params }) =>
  updateManagedUser(actor, IdParam.parse(params.id), await parseJson(req, UserUpdate, { maxBytes: 10_000 })),
);

export const DELETE = route<P>(async ({ actor, params }) => {
  await deleteManagedUser(actor, IdParam.parse(params.id));
  return null;
});
