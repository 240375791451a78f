// Which roles must use two-factor sign-in (Settings → Users, `PUT /api/v1/settings/security`).
// A user of such a role who has not enrolled gets a session that reaches only the enrolment page
// and the two-factor routes until they enrol (lib/auth/sessions.ts marks it, the route wrapper and
// requirePageActor refuse the rest).
import { z } from 'zod';
import { recordAudit } from '../audit/record';
import { getDb } from '../db/client';
import { processGlobal } from '../process-global';
import { type Actor, type Role, requireStaff } from './actor';

const KEY = 'security.two_factor';
/** Read on every session check of a user without two-factor, so it is cached briefly per process. */
const CACHE_MS = 5_000;

export const TwoFactorPolicy = z.strictObject({
  requiredRoles: z.array(z.enum(['admin', 'operator', 'viewer'])).max(3),
});
export type TwoFactorPolicy = z.infer<typeof TwoFactorPolicy>;

// On globalThis: Next bundles pages and route handlers separately; a module-level cache would be
// cleared by the PUT in the route bundle only, so pages kept the old policy for up to CACHE_MS (a
// user the new policy holds for enrolment still got every page, while the API refused them).
const cache = processGlobal<{ policy: TwoFactorPolicy; atMs: number }>('switchyardTwoFactorPolicy');

export async function readTwoFactorPolicy(nowMs = Date.now()): Promise<TwoFactorPolicy> {
  const cached = cache.get();
  if (cached && nowMs - cached.atMs < CACHE_MS) return cached.policy;
  const row = await getDb().setting.findUnique({ where: { key: KEY } });
  let policy: TwoFactorPolicy = { requiredRoles: [] };
  if (row) {
    const parsed = TwoFactorPolicy.safeParse(JSON.parse(row.value));
    if (parsed.success) policy = parsed.data;
  }
  cache.set({ policy, atMs: nowMs });
  return policy;
}

export function enrolmentDue(policy: TwoFactorPolicy, role: Role, enrolled: boolean): boolean {
  return !enrolled && policy.requiredRoles.includes(role);
}

export async function getTwoFactorPolicy(actor: Actor): Promise<TwoFactorPolicy> {
  requireStaff(actor, 'admin');
  return readTwoFactorPolicy();
}

export async function setTwoFactorPolicy(actor: Actor, input: TwoFactorPolicy): Promise<TwoFactorPolicy> {
  requireStaff(actor, 'admin');
  const data = TwoFactorPolicy.parse(input);
  const policy = { requiredRoles: [...new Set(data.requiredRoles)].sort() as Role[] };
  const value = JSON.stringify(policy);
  await getDb().setting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
  cache.set(undefined);
  await recordAudit(actor, 'security.two_factor_policy', null, policy);
  return policy;
}
