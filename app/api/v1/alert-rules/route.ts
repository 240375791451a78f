// GET /api/v1/alert-rules – every rule; POST – create one (staff operator).
import { createRule, listRules } from '@/lib/alerts/rules';
import { RuleCreate } from '@/lib/alerts/schemas';
import { parseJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';

export const GET = route(async ({ actor }) => ({ data: await listRules(actor) }));

export const POST = route(async ({ req, actor }) => {
  const rule = await createRule(actor, await parseJson(req, RuleCreate));
  return Response.json(rule, { status: 201 });
});
