// Alert history retention: resolved alerts older than RETENTION_ALERTS_DAYS go, with their device
// list, timeline, the rule actions recorded for them and the notifications sent for them. Firing and acknowledged alerts are kept
// whatever their age (they are still open), and so is everything an open alert refers to.

import { isOneOf } from '../db/dialect';
import { execute, queryRows, sql, withRawTransaction } from '../db/raw';

const DAY = 86_400_000;
const BATCH = 500;

export type AlertRetentionResult = { alerts: number; notifications: number };

/** Deletes resolved alerts whose resolution is older than `keepDays`, in batches of 500. */
export async function applyAlertRetention(keepDays: number, now = Date.now()): Promise<AlertRetentionResult> {
  const cutoff = now - keepDays * DAY;
  const result: AlertRetentionResult = { alerts: 0, notifications: 0 };
  for (;;) {
    const ids = (
      await queryRows<{ id: number }>(
        sql`SELECT id FROM alert WHERE status = 'resolved' AND resolved_at < ${cutoff} ORDER BY id LIMIT ${BATCH}`,
      )
    ).map((r) => Number(r.id));
    if (ids.length === 0) return result;
    await withRawTransaction(async (client) => {
      const inIds = isOneOf(sql`alert_id`, ids);
      await execute(
        sql`DELETE FROM notification_delivery WHERE outbox_id IN (SELECT id FROM notification_outbox WHERE ${inIds})`,
        client,
      );
      result.notifications += await execute(sql`DELETE FROM notification_outbox WHERE ${inIds}`, client);
      await execute(sql`DELETE FROM alert_event WHERE ${inIds}`, client);
      await execute(sql`DELETE FROM rule_action WHERE ${inIds}`, client);
      await execute(sql`DELETE FROM alert_device WHERE ${inIds}`, client);
      result.alerts += await execute(sql`DELETE FROM alert WHERE ${isOneOf(sql`id`, ids)}`, client);
    });
  }
}
