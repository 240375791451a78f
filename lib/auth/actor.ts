import { forbidden } from '../errors';

export type Role = 'admin' | 'operator' | 'viewer';

/** Who is acting: a signed-in user, an API token, or the server itself (jobs, simulator). */
export type Actor = {
  kind: 'user' | 'token' | 'system';
  id: number | null;
  name: string;
  /** Users only (shown in the user menu); null for tokens and the system. */
  email?: string | null;
  role: Role;
  /** Hosting tenant the actor is confined to; null = the operator's own staff (sees everything). */
  tenantId: number | null;
  /**
   * Sessions only: the user's role must use two-factor and they have not enrolled, so this session
   * reaches the enrolment page and the two-factor routes only (lib/auth/two-factor-policy.ts).
   */
  twoFactorEnrolmentDue?: boolean;
  /** Where the request came from (set per request by authenticateRequest; the audit log records it). */
  ip?: string;
};

const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };

export const SYSTEM_ACTOR: Actor = {
  kind: 'system',
  id: null,
  name: 'system',
  role: 'admin',
  tenantId: null,
};

export function hasRole(actor: Actor, minimum: Role): boolean {
  return RANK[actor.role] >= RANK[minimum];
}

/** Data-layer guard: every lib/ function that reads or changes data calls this first. */
export function requireRole(actor: Actor, minimum: Role): void {
  if (!hasRole(actor, minimum)) throw forbidden(`This needs the ${minimum} role (you are ${actor.role})`);
}

/** Tenant actors manage nothing fleet-wide (sites, models, tokens for others). */
export function requireStaff(actor: Actor, minimum: Role): void {
  requireRole(actor, minimum);
  if (actor.tenantId !== null) throw forbidden('Hosting clients cannot change fleet-wide settings');
}
