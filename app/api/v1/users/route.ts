// GET /api/v1/users – every account (staff admin); POST { email, name, role, tenantId?, password? } –
// without a password one is generated and returned once in the answer.
import { createManagedUser, listUsers, UserCreate } from '@/lib/auth/user-admin';
import { parseJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';

export const GET = route(async ({ actor }) => ({ data: await listUsers(actor) }));

export const POST = route(async ({ req, actor }) => {
  const user = await createManagedUser(actor, await parseJson(req, UserCreate, { maxBytes: 10_000 }));
  return Response.json(user, { status: 201 });
});
