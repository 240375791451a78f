// Device credentials (miner web password, API key): write-only. Stored as one lib/secrets envelope
// bound to the device row; the API only ever says whether they exist.
import { z } from 'zod';
import { recordAudit } from '../audit/record';
import { type Actor, requireRole } from '../auth/actor';
import { getDb } from '../db/client';
import { notFound } from '../errors';
import { decryptSecret, encryptSecret } from '../secrets/secrets';
import { deviceScopeWhere } from './scope';

export const DeviceCredentialsInput = z
  .object({
    username: z.string().max(200).optional(),
    password: z.string().max(500).optional(),
    apiKey: z.string().max(1000).optional(),
  })
  .strict()
  .refine((v) => v.username !== undefined || v.password !== undefined || v.apiKey !== undefined, {
    message: 'give username, password or apiKey',
  });
export type DeviceCredentialsInput = z.infer<typeof DeviceCredentialsInput>;

export const credentialAad = (deviceId: number) => `device:${deviceId}:credentials`;

async function assertWritable(actor: Actor, deviceId: number) {
  requireRole(actor, 'operator');
  const device = await getDb().device.findFirst({ where: { id: deviceId, ...deviceScopeWhere(actor) } });
  if (!device) throw notFound(`Device ${deviceId}`);
}

export async function setDeviceCredentials(
  actor: Actor,
  deviceId: number,
  input: DeviceCredentialsInput,
  now: number,
): Promise<{ hasCredentials: true }> {
  await assertWritable(actor, deviceId);
  const ciphertext = encryptSecret(JSON.stringify(input), credentialAad(deviceId));
  await getDb().deviceCredential.upsert({
    where: { deviceId },
    create: { deviceId, ciphertext, updatedAt: BigInt(now) },
    update: { ciphertext, updatedAt: BigInt(now) },
  });
  await recordAudit(actor, 'device.credentials.set', `device:${deviceId}`, {
    fields: Object.keys(input).filter((k) => input[k as keyof DeviceCredentialsInput] !== undefined),
  });
  return { hasCredentials: true };
}

export async function clearDeviceCredentials(
  actor: Actor,
  deviceId: number,
): Promise<{ hasCredentials: false }> {
  await assertWritable(actor, deviceId);
  await getDb().deviceCredential.deleteMany({ where: { deviceId } });
  await recordAudit(actor, 'device.credentials.clear', `device:${deviceId}`);
  return { hasCredentials: false };
}

/** For protocol clients that need them (server side only; never reaches an API answer). */
export async function readDeviceCredentials(deviceId: number): Promise<DeviceCredentialsInput | null> {
  const row = await getDb().deviceCredential.findUnique({ where: { deviceId } });
  return row
    ? (JSON.parse(decryptSecret(row.ciphertext, credentialAad(deviceId))) as DeviceCredentialsInput)
    : null;
}
