import { unsupportedMediaType } from '../../errors';
import { invalidJson, readText } from '../../http/body';
import { PlanRequest } from '../request';

/** The plans request body; an empty body means "all defaults". */
export async function AllocationPlanRequestBody(req: Request): Promise<PlanRequest> {
  const text = await readText(req, { maxBytes: 1_000_000 });
  if (text.trim() === '') return PlanRequest.parse({});
  if (!/^application\/(.+\+)?json\b/i.test(req.headers.get('content-type') ?? ''))
    throw unsupportedMediaType('Send Content-Type: application/json');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw invalidJson();
  }
  return PlanRequest.parse(raw);
}
