// GET /api/v1/tokens – list API tokens; POST – create one (the token is returned once).

import { CreateTokenInput, createApiToken, listApiTokens } from '@/lib/auth/api-tokens';
import { parseJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';

export const GET = route(async ({ actor }) => ({ data: await listApiTokens(actor) }));

export const POST = route(async ({ req, actor }) => {
  const input = await parseJson(req, CreateTokenInput);
  const created = await createApiToken(actor, input);
  return Response.json(created, { status: 201 });
});
