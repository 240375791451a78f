// Runs the planned requests one after another, reporting progress, and collects per-device
// failures: a refused device comes back with the server's reason, a failed request (409, network)
// marks each device of that chunk with the error message.
import { ApiError } from '@/lib/api-client/fetch';
import type { AssignmentResponse } from '@/lib/api-client/types';
import type { AssignmentTarget } from '@/lib/api-client/workloads';

type DetailResult = { deviceId: number; name: string | null; ok: boolean; reason?: string };

/** A refused job placement (409) names each device's reason in `details.results`. */
function detailReasons(error: unknown): Map<number, string> {
  const out = new Map<number, string>();
  if (!(error instanceof ApiError)) return out;
  const results = (error.details as { results?: DetailResult[] } | undefined)?.results;
  if (!Array.isArray(results)) return out;
  for (const r of results) if (!r.ok && r.reason) out.set(r.deviceId, r.reason);
  return out;
}

export type BulkFailure = { deviceId: number; name: string | null; reason: string };
export type BulkOutcome = { assigned: number; unchanged: number; failures: BulkFailure[]; done: number };

export async function runBulkAssignment(
  requests: readonly { target: AssignmentTarget; deviceIds: number[] }[],
  post: (target: AssignmentTarget) => Promise<AssignmentResponse>,
  onProgress: (outcome: BulkOutcome, total: number) => void,
  names: ReadonlyMap<number, string> = new Map(),
  isCancelled: () => boolean = () => false,
): Promise<BulkOutcome> {
  const total = requests.reduce((n, r) => n + r.deviceIds.length, 0);
  const outcome: BulkOutcome = { assigned: 0, unchanged: 0, failures: [], done: 0 };
  for (const request of requests) {
    if (isCancelled()) break;
    try {
      const res = await post(request.target);
      outcome.assigned += res.assigned;
      outcome.unchanged += res.unchanged;
      for (const r of res.results) {
        if (!r.ok)
          outcome.failures.push({ deviceId: r.deviceId, name: r.name, reason: r.reason ?? 'refused' });
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const perDevice = detailReasons(error);
      for (const id of request.deviceIds) {
        const own = perDevice.get(id);
        outcome.failures.push({
          deviceId: id,
          name: names.get(id) ?? null,
          reason: own ? `${own} (${reason})` : reason,
        });
      }
    }
    outcome.done += request.deviceIds.length;
    onProgress({ ...outcome, failures: [...outcome.failures] }, total);
  }
  return outcome;
}
