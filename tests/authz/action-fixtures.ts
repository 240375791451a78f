// Remote actions and bulk batches for the authorization matrix: one per tenant and one of the staff.
import { randomUUID } from 'node:crypto';
import { getDb } from '../../lib/db/client';

export async function createActionFixtures(
  tenantA: number,
  tenantB: number,
  devices: { a: number; b: number; spare: number },
) {
  const now = BigInt(Date.now());
  const actionFor = async (deviceId: number) =>
    (
      await getDb().deviceAction.create({
        data: {
          deviceId,
          action: 'reboot',
          status: 'pending',
          requestedBy: 'matrix',
          actorType: 'system',
          dueAt: now + 3_600_000n,
          createdAt: now,
        },
      })
    ).id;
  const batchFor = async (tenantId: number | null) =>
    (
      await getDb().actionBatch.create({
        data: {
          id: randomUUID(),
          action: 'reboot',
          selection: '{}',
          total: 0,
          batchSize: 1,
          intervalS: 0,
          requestedBy: 'matrix',
          tenantId,
          createdAt: now,
        },
      })
    ).id;
  return {
    action: {
      a: await actionFor(devices.a),
      b: await actionFor(devices.b),
      spare: await actionFor(devices.spare),
    },
    batch: { a: await batchFor(tenantA), b: await batchFor(tenantB), spare: await batchFor(null) },
  };
}
