// POST /api/v1/alert-rules/preview – a rule's dry run over the last 24 h of stored rollups.
import { previewRule } from '@/lib/alerts/preview';
import { RuleCreate } from '@/lib/alerts/schemas';
import { parseJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';

export const POST = route(async ({ req, actor }) => previewRule(actor, await parseJson(req, RuleCreate)));
