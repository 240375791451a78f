import { z } from 'zod';
import { recordAudit } from '../audit/record';
import { getDb } from '../db/client';
import { badRequest, conflict, notFound } from '../errors';
import { safeText } from '../safe-text';
import { type Actor, requireStaff } from './actor';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, randomBase62 } from './secrets';

const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH);

export const UserCreate = z.strictObject({
  email: z.string().trim().toLowerCase().email('Enter a valid email address').max(200),
  name: safeText(100),
  role: z.enum(['admin', 'operator', 'viewer']),
  tenantId: z.number().int().positive().nullable().optional(),
  /** Absent: one is generated and returned once. */
  password: password.optional(),
});
export const UserUpdate = UserCreate.omit({ email: true })
  .extend({ disabled: z.boolean().optional() })
  .partial();
export type UserCreate = z.infer<typeof UserCreate>;
export type UserUpdate = z.infer<typeof UserUpdate>;

export type UserView = {
  id: number;
  email: string;
  name: string;
  role: string;
  tenantId: number | null;
  tenantName: string | null;
  disabled: boolean;
  /** Two-factor sign-in is on (an admin may reset it: DELETE /api/v1/users/{id}/two-factor). */
  twoFactor: boolean;
  createdAt: string;
};

const select = {
  id: true,
  email: true,
  name: true,
  role: true,
  tenantId: true,
  disabledAt: true,
  totpEnabledAt: true,
  createdAt: true,
  tenant: { select: { name: true } },
} as const;

type Row = {
  id: number;
  email: string;
  name: string;
  role: string;
  tenantId: number | null;
  disabledAt: Date | null;
  totpEnabledAt: Date | null;
  createdAt: Date;
  tenant: { name: string } | null;
};

function toView(u: Row): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    tenantId: u.tenantId,
    tenantName: u.tenant?.name ?? null,
    disabled: u.disabledAt !== null,
    twoFactor: u.totpEnabledAt !== null,
    createdAt: u.createdAt.toISOString(),
  };
}

async function assertTenant(tenantId: number | null | undefined) {
  if (tenantId == null) return;
  if (!(await getDb().tenant.findUnique({ where: { id: tenantId } })))
    throw badRequest('Unknown tenant', [{ path: 'tenantId', message: `tenant ${tenantId} does not exist` }]);
}

export async function listUsers(actor: Actor): Promise<UserView[]> {
  requireStaff(actor, 'admin');
  const rows = await getDb().user.findMany({ select, orderBy: { email: 'asc' } });
  return rows.map(toView);
}

/** Creates a user; without a password one is generated and returned here only, never stored in clear. */
export async function createManagedUser(actor: Actor, input: UserCreate) {
  requireStaff(actor, 'admin');
  const data = UserCreate.parse(input);
  await assertTenant(data.tenantId);
  if (await getDb().user.findUnique({ where: { email: data.email } }))
    throw conflict(`A user with email ${data.email} already exists`);
  const generated = data.password === undefined ? randomBase62(18) : undefined;
  const row = await getDb().user.create({
    data: {
      email: data.email,
      name: data.name,
      role: data.role,
      tenantId: data.tenantId ?? null,
      passwordHash: await hashPassword(data.password ?? (generated as string)),
    },
    select,
  });
  await recordAudit(actor, 'user.create', `user:${row.id}`, {
    email: row.email,
    role: row.role,
    tenantId: row.tenantId,
  });
  return { ...toView(row), ...(generated ? { password: generated } : {}) };
}

/**
 * Changes a user. A new password (admin reset), a role, tenant or disabled change ends the user's
 * sessions, so the change takes effect at once.
 */
export async function updateManagedUser(actor: Actor, id: number, input: UserUpdate): Promise<UserView> {
  requireStaff(actor, 'admin');
  const data = UserUpdate.parse(input);
  const existing = await getDb().user.findUnique({ where: { id } });
  if (!existing) throw notFound(`User ${id}`);
  if (actor.kind === 'user' && actor.id === id && (data.disabled || (data.role && data.role !== 'admin')))
    throw badRequest('You cannot disable or demote yourself');
  await assertTenant(data.tenantId);
  const { password: newPassword, disabled, ...fields } = data;
  const row = await getDb().user.update({
    where: { id },
    data: {
      ...fields,
      ...(newPassword ? { passwordHash: await hashPassword(newPassword) } : {}),
      ...(disabled === undefined ? {} : { disabledAt: disabled ? new Date() : null }),
    },
    select,
  });
  const revokes =
    newPassword !== undefined ||
    disabled === true ||
    (data.role !== undefined && data.role !== existing.role) ||
    (data.tenantId !== undefined && data.tenantId !== existing.tenantId);
  if (revokes) await getDb().session.deleteMany({ where: { userId: id } });
  await recordAudit(actor, newPassword ? 'user.password_reset' : 'user.update', `user:${id}`, {
    ...fields,
    ...(disabled === undefined ? {} : { disabled }),
    sessionsEnded: revokes,
  });
  return toView(row);
}

export async function deleteManagedUser(actor: Actor, id: number): Promise<void> {
  requireStaff(actor, 'admin');
  if (actor.kind === 'user' && actor.id === id) throw badRequest('You cannot delete yourself');
  const existing = await getDb().user.findUnique({ where: { id } });
  if (!existing) throw notFound(`User ${id}`);
  await getDb().user.delete({ where: { id } });
  await recordAudit(actor, 'user.delete', `user:${id}`, { email: existing.email });
}
