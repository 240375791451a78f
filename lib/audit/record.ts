import type { Actor } from '../auth/actor';
import { getDb } from '../db/client';

const SECRET_KEYS = /pass(word)?|token|secret|hash/i;

/** Drops values of secret-looking keys so the audit log never holds credentials. */
function redact(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : v]),
  );
}

/**
 * Appends one privileged action to the audit log (there is no update or delete path). The address
 * is the request's (`actor.ip`, set when the request was authenticated) unless one is given.
 */
export async function recordAudit(
  actor: Actor,
  action: string,
  target: string | null,
  details?: Record<string, unknown>,
  ip?: string,
) {
  await getDb().auditEvent.create({
    data: {
      actorType: actor.kind,
      actorId: actor.id,
      actorName: actor.name.slice(0, 200),
      action,
      target,
      details: details ? JSON.stringify(redact(details)).slice(0, 10_000) : null,
      ip: (ip ?? actor.ip)?.slice(0, 64),
    },
  });
}
