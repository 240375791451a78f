import { z } from 'zod';
import { recordAudit } from '../audit/record';
import { getDb } from '../db/client';
import { conflict, tooManyRequests } from '../errors';
import { type Actor, type Role, requireStaff } from './actor';
import { LOGIN_LIMITS, type LoginLimits } from './login-backoff';
import { clearRateLimit, hitRateLimit, rateLimitCount, reserveBackoff } from './rate-limit';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from './secrets';

/** `POST /api/auth/login`. */
export const LoginInput = z.object({
  email: z.string().min(1).max(200),
  password: z.string().min(1).max(256),
});

export const CreateUserInput = z.object({
  email: z.string().trim().toLowerCase().email('Enter a valid email address').max(200),
  name: z.string().trim().min(1, 'Name is required').max(100),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(MAX_PASSWORD_LENGTH),
  role: z.enum(['admin', 'operator', 'viewer']),
  tenantId: z.number().int().positive().nullable().optional(),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export async function createUser(actor: Actor, input: CreateUserInput) {
  requireStaff(actor, 'admin');
  const data = CreateUserInput.parse(input);
  const existing = await getDb().user.findUnique({ where: { email: data.email } });
  if (existing) throw conflict(`A user with email ${data.email} already exists`);
  const user = await getDb().user.create({
    data: {
      email: data.email,
      name: data.name,
      role: data.role,
      tenantId: data.tenantId ?? null,
      passwordHash: await hashPassword(data.password),
    },
    select: { id: true, email: true, name: true, role: true, tenantId: true },
  });
  await recordAudit(actor, 'user.create', `user:${user.id}`, { email: user.email, role: user.role });
  return user;
}

export async function countUsers() {
  return getDb().user.count();
}

// A dummy hash so unknown emails cost the same time as wrong passwords (no user enumeration).
let dummyHash: Promise<string> | undefined;

async function passwordMatches(email: string, password: string) {
  const user = await getDb().user.findUnique({ where: { email } });
  if (!user || user.disabledAt) {
    dummyHash ??= hashPassword('not-a-real-password-000');
    await verifyPassword(await dummyHash, password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

/**
 * Checks email + password under the throttling rules of `login-backoff.ts` (ASVS 2.2.1): back-off
 * per account + address, ceilings per account and per address, failures only. `ip` must be the
 * connection's address (`clientIp`), never a header the client chose. Refusals are audited.
 */
export async function verifyCredentials(
  email: string,
  password: string,
  ip: string,
  now = Date.now(),
  limits: LoginLimits = LOGIN_LIMITS,
): Promise<{ id: number; name: string; role: Role; twoFactor: boolean } | null> {
  const normalized = email.trim().toLowerCase();
  const accountKey = `login:account:${normalized}`;
  const addressKey = `login:address:${ip}`;
  const pairKey = `login:pair:${normalized}|${ip}`;
  const ceilingWaitMs = (key: string, limit: number, windowMs: number) =>
    rateLimitCount(key, windowMs, now).then((n) => (n >= limit ? windowMs - (now % windowMs) : 0));
  let waitMs = Math.max(
    await ceilingWaitMs(accountKey, limits.accountCeiling, limits.accountWindowMs),
    await ceilingWaitMs(addressKey, limits.addressCeiling, limits.addressWindowMs),
  );
  if (waitMs === 0) waitMs = await reserveBackoff(pairKey, now, limits);
  if (waitMs > 0) {
    await recordAudit(
      { kind: 'system', id: null, name: normalized.slice(0, 200), role: 'viewer', tenantId: null },
      'auth.login_throttled',
      null,
      { retryAfterS: Math.ceil(waitMs / 1000) },
      ip,
    );
    throw tooManyRequests(waitMs / 1000);
  }
  const user = await passwordMatches(normalized, password);
  if (!user) {
    await hitRateLimit(accountKey, Number.MAX_SAFE_INTEGER, limits.accountWindowMs, now);
    await hitRateLimit(addressKey, Number.MAX_SAFE_INTEGER, limits.addressWindowMs, now);
    return null;
  }
  await clearRateLimit(pairKey);
  return { id: user.id, name: user.name, role: user.role, twoFactor: user.totpSecret !== null };
}
