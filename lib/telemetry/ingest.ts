import { type Actor, requireRole } from '../auth/actor';
import { getEnv } from '../env';
import { AppError, badRequest } from '../errors';
import { countIngest } from '../metrics/ingest-counters';
import { getDeviceDirectory } from './device-directory';
import { DEVICE_SLOT, STRIDE } from './sample-rows';
import { storeRows } from './store';
import { type Rejection, validateBatch } from './validate';

export type IngestResult = { accepted: number; duplicates: number; rejected: Rejection[] };

/** Clock skew tolerated for agent timestamps. */
const MAX_FUTURE_MS = 5 * 60_000;
/** Samples must leave the rollup job time to fold them in before raw retention drops them. */
const RETENTION_MARGIN_MS = 60 * 60_000;

/**
 * Validates a telemetry batch and stores its valid samples. Per-sample problems are reported
 * by index and do not stop the others; a batch with no valid sample stores nothing and fails.
 */
export async function ingestBatch(actor: Actor, body: unknown, now = Date.now()): Promise<IngestResult> {
  requireRole(actor, 'operator');
  const env = getEnv();
  const limits = {
    minTs: now - env.RETENTION_RAW_HOURS * 3_600_000 + RETENTION_MARGIN_MS,
    maxTs: now + MAX_FUTURE_MS,
  };
  const checked = validateBatch(body, limits, env.INGEST_MAX_SAMPLES);
  if (typeof checked === 'string') {
    throw checked.startsWith('at most')
      ? new AppError(413, 'payload_too_large', checked)
      : badRequest(checked);
  }
  const { rows, index, refs, rejected } = checked;
  const entries = await getDeviceDirectory().resolve(refs, now);
  // Rows of unknown devices (or of another tenant's: a hosting client's token may only report
  // its own machines) are dropped in place; the rest move up.
  let kept = 0;
  for (let row = 0; row < rows.count; row++) {
    const entry = entries[row];
    if (!entry || (actor.tenantId !== null && entry.tenantId !== actor.tenantId)) {
      const ref = refs[row];
      rejected.push({
        index: index[row]!,
        error: `unknown device (${typeof ref === 'number' ? `deviceId ${ref}` : `serial ${ref}`})`,
      });
      continue;
    }
    rows.move(row, kept);
    rows.values[kept * STRIDE + DEVICE_SLOT] = entry.id;
    kept++;
  }
  const refused = rows.count - kept;
  rows.count = kept;
  // Validation listed its refusals in batch order; unknown devices interleave with them.
  if (refused > 0) rejected.sort((a, b) => a.index - b.index);
  if (kept === 0) {
    countIngest({ accepted: 0, duplicates: 0, rejected: rejected.length });
    throw new AppError(400, 'invalid_samples', 'No valid sample in the batch; nothing was stored', {
      rejected,
    });
  }
  const { accepted, duplicates } = await storeRows(rows);
  countIngest({ accepted, duplicates, rejected: rejected.length });
  return { accepted, duplicates, rejected };
}
