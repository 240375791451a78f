import { z } from 'zod';
import { recordAudit } from '../audit/record';
import { getDb } from '../db/client';
import type { ApiToken } from '../db/generated/sqlite/client';
import { badRequest, notFound } from '../errors';
import { processGlobal } from '../process-global';
import { safeText } from '../safe-text';
import { type Actor, requireStaff } from './actor';
import { API_TOKEN_PREFIX, generateApiToken, sha256Hex } from './secrets';

const days = z.number().int().min(1).max(3650).optional();
export const CreateTokenInput = z
  .strictObject({
    name: safeText(100),
    role: z.enum(['admin', 'operator', 'viewer']),
    /** A hosting client's token (e.g. its site agent): confined to that tenant's devices. */
    tenantId: z.number().int().positive().nullable().optional(),
    expiresDays: days,
    /** Older name of `expiresDays`, still accepted. */
    expiresInDays: days,
  })
  .transform(({ expiresInDays, expiresDays, ...rest }) => ({
    ...rest,
    expiresDays: expiresDays ?? expiresInDays,
  }));
export type CreateTokenInput = z.input<typeof CreateTokenInput>;

const LAST_USED_RESOLUTION_MS = 60_000;

export type ApiTokenView = {
  id: number;
  name: string;
  role: string;
  tenantId: number | null;
  displayHint: string;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** Creates a token; the plaintext is returned once and never stored. */
export async function createApiToken(actor: Actor, raw: CreateTokenInput, now = new Date()) {
  requireStaff(actor, 'admin');
  const input = CreateTokenInput.parse(raw);
  if (input.tenantId != null && !(await getDb().tenant.findUnique({ where: { id: input.tenantId } })))
    throw badRequest('Unknown tenant', [
      { path: 'tenantId', message: `tenant ${input.tenantId} does not exist` },
    ]);
  const token = generateApiToken();
  const row = await getDb().apiToken.create({
    data: {
      name: input.name,
      role: input.role,
      tenantId: input.tenantId ?? null,
      tokenHash: sha256Hex(token),
      displayHint: `${token.slice(0, API_TOKEN_PREFIX.length + 4)}…`,
      createdById: actor.kind === 'user' ? actor.id : null,
      expiresAt: input.expiresDays ? new Date(now.getTime() + input.expiresDays * 86_400_000) : null,
    },
  });
  await recordAudit(actor, 'token.create', `token:${row.id}`, {
    name: input.name,
    role: input.role,
    tenantId: input.tenantId ?? null,
  });
  return { token, id: row.id };
}

export async function listApiTokens(actor: Actor): Promise<ApiTokenView[]> {
  requireStaff(actor, 'admin');
  const rows = await getDb().apiToken.findMany({
    orderBy: [{ revokedAt: 'asc' }, { createdAt: 'desc' }],
    include: { createdBy: { select: { name: true } } },
  });
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    role: t.role,
    tenantId: t.tenantId,
    displayHint: t.displayHint,
    createdAt: t.createdAt.toISOString(),
    createdBy: t.createdBy?.name ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  }));
}

export async function revokeApiToken(actor: Actor, id: number, now = new Date()) {
  requireStaff(actor, 'admin');
  const existing = await getDb().apiToken.findUnique({ where: { id } });
  if (!existing) throw notFound('API token');
  if (!existing.revokedAt) {
    await getDb().apiToken.update({ where: { id }, data: { revokedAt: now } });
    forgetCachedTokens();
    await recordAudit(actor, 'token.revoke', `token:${id}`, { name: existing.name });
  }
}

/**
 * Valid tokens are looked up again after this long: an agent posting 100 batches a second costs
 * one query a second, not a hundred. A revoke in this process takes effect at once
 * (forgetCachedTokens); one made by another instance on a shared database within this time.
 */
const TOKEN_CACHE_MS = 1_000;
/** Entries kept at most (a flood of distinct valid tokens must not grow memory without end). */
const TOKEN_CACHE_MAX = 1_000;
const tokenCache = processGlobal<Map<string, { row: ApiToken; at: number }>>('switchyardTokenCache');

/** Drops cached token lookups: call after revoking tokens. */
export function forgetCachedTokens() {
  tokenCache.get()?.clear();
}

async function findToken(hash: string, now: number): Promise<ApiToken | null> {
  const cache = tokenCache.getOrCreate(() => new Map());
  const hit = cache.get(hash);
  if (hit && now - hit.at < TOKEN_CACHE_MS && now >= hit.at) return hit.row;
  const row = await getDb().apiToken.findUnique({ where: { tokenHash: hash } });
  if (!row || row.revokedAt) {
    cache.delete(hash);
    return row;
  }
  if (cache.size >= TOKEN_CACHE_MAX) cache.clear();
  cache.set(hash, { row, at: now });
  return row;
}

/** Resolves a bearer token to an actor, or null when unknown, revoked or expired. */
export async function getTokenActor(token: string, now = new Date()): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const row = await findToken(sha256Hex(token), now.getTime());
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  // Agents call many times per minute: record last use at minute resolution, not per request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    row.lastUsedAt = now;
    await getDb().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { kind: 'token', id: row.id, name: `token:${row.name}`, role: row.role, tenantId: row.tenantId };
}
