import { z } from 'zod';
import { recordAudit } from '../audit/record';
import { getDb } from '../db/client';
import { conflict, tooManyRequests } from '../errors';
import { type Actor, type Role, requireStaff } from './actor';
import { hitRateLimit } from './rate-limit';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from './secrets';

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

/**
 * Checks email + password with brute-force throttling per account and per IP
 * (ASVS 6.3.1): 10 attempts / 15 min per email, 50 per IP. No hard lockout of the account owner
 * beyond the window, so an attacker cannot lock someone out for long.
 */
export async function verifyCredentials(
  email: string,
  password: string,
  ip: string,
): Promise<{ id: number; name: string; role: Role } | null> {
  const normalized = email.trim().toLowerCase();
  const windowMs = 15 * 60 * 1000;
  const waitEmail = await hitRateLimit(`login:email:${normalized}`, 10, windowMs);
  const waitIp = await hitRateLimit(`login:ip:${ip}`, 50, windowMs);
  if (waitEmail || waitIp) throw tooManyRequests(Math.max(waitEmail, waitIp));

  const user = await getDb().user.findUnique({ where: { email: normalized } });
  if (!user || user.disabledAt) {
    dummyHash ??= hashPassword('not-a-real-password-000');
    await verifyPassword(await dummyHash, password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return { id: user.id, name: user.name, role: user.role };
}
