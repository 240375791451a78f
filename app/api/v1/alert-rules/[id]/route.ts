// GET/PATCH/DELETE /api/v1/alert-rules/{id}
import { deleteRule, getRule, updateRule } from '@/lib/alerts/rules';
import { RuleUpdate } from '@/lib/alerts/schemas';
import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

type P = { id: string };

export const GET = route<P>(async ({ actor, params }) => getRule(actor, IdParam.parse(params.id)));

export const PATCH = route<P>(async ({ req, actor, params }) =>
  updateRule(actor, IdParam.parse(params.id), await parseJson(req, RuleUpdate)),
);

export const DELETE = route<P>(async ({ actor, params }) => {
  await deleteRule(actor, IdParam.parse(params.id));
  return null;
});
