// Discovery scans: start one (validated, authorised, persisted, run in the background), read one
// with its found endpoints matched against the inventory, list recent ones.
import { recordAudit } from '../audit/record';
import { type Actor, hasRole, requireRole } from '../auth/actor';
import { getDb } from '../db/client';
import { badRequest, forbidden, notFound, tooManyRequests } from '../errors';
import { deviceScopeWhere } from '../inventory/scope';
import { classifyRange, formatIpv4, hostsOf, parseCidr } from './cidr';
import { type CatalogueModel, matchKnown, suggestModelId } from './match';
import { DEFAULT_LIMITS, HEARTBEAT_MS, runScan, type ScanLimits } from './runner';
import type { DiscoveryRequest } from './schemas';
import {
  DEFAULT_PORTS,
  DISCOVERY_PROTOCOLS,
  type DiscoveryProtocol,
  type FoundEndpoint,
  type ScanStatus,
  type ScanView,
} from './types';

/** Scans running at once across the installation (each holds up to 64 sockets). */
const MAX_RUNNING = 3;
/** A running scan whose heartbeat is older than this lost its process (restart, crash). */
const STALE_MS = HEARTBEAT_MS * 6;

type ScanRow = NonNullable<Awaited<ReturnType<ReturnType<typeof getDb>['discoveryScan']['findFirst']>>>;

const scopeWhere = (actor: Actor) => (actor.tenantId === null ? {} : { tenantId: actor.tenantId });

/** Validates the range and the caller's right to scan it; returns the probe list. */
export function planScan(actor: Actor, input: DiscoveryRequest) {
  const parsed = parseCidr(input.cidr);
  if (!parsed.ok) throw badRequest('Invalid range', [{ path: 'cidr', message: parsed.message }]);
  const range = classifyRange(parsed.cidr);
  if (range.kind === 'never')
    throw badRequest('Range cannot be scanned', [
      { path: 'cidr', message: `${input.cidr} is ${range.label}: no devices live there` },
    ]);
  if (range.kind === 'public') {
    if (!input.allowPublic)
      throw badRequest('Public range', [
        {
          path: 'cidr',
          message: `${input.cidr} is not private address space; scanning it needs allowPublic: true (admins only)`,
        },
      ]);
    if (!hasRole(actor, 'admin') || actor.tenantId !== null)
      throw forbidden('Scanning public address space needs the admin role');
  }
  const protocols: DiscoveryProtocol[] = input.protocols
    ? [...new Set(input.protocols)]
    : [...DISCOVERY_PROTOCOLS];
  const ports = [...new Set(input.ports ?? protocols.map((p) => DEFAULT_PORTS[p]))];
  const hosts = hostsOf(parsed.cidr).map(formatIpv4);
  const targets = hosts.flatMap((host) => ports.map((port) => ({ host, port })));
  return { cidr: `${formatIpv4(parsed.cidr.base)}/${parsed.cidr.prefix}`, protocols, ports, targets };
}

async function catalogue(): Promise<CatalogueModel[]> {
  return getDb().deviceModel.findMany({ select: { id: true, vendor: true, model: true } });
}

export async function startScan(
  actor: Actor,
  input: DiscoveryRequest,
  limits: ScanLimits = DEFAULT_LIMITS,
): Promise<ScanView> {
  requireRole(actor, 'operator');
  const plan = planScan(actor, input);
  const db = getDb();
  const running = await db.discoveryScan.count({
    where: { status: 'running', heartbeatAt: { gt: new Date(Date.now() - STALE_MS) } },
  });
  if (running >= MAX_RUNNING) throw tooManyRequests(10);
  const scan = await db.discoveryScan.create({
    data: {
      cidr: plan.cidr,
      ports: JSON.stringify(plan.ports),
      protocols: JSON.stringify(plan.protocols),
      allowPublic: input.allowPublic ?? false,
      total: plan.targets.length,
      tenantId: actor.tenantId,
      actorName: actor.name.slice(0, 200),
    },
  });
  await recordAudit(actor, 'discovery.scan', `discovery:${scan.id}`, {
    cidr: plan.cidr,
    ports: plan.ports,
    protocols: plan.protocols,
    allowPublic: input.allowPublic ?? false,
  });
  const models = await catalogue();
  const identify = (f: Omit<FoundEndpoint, 'suggestedModelId'>): FoundEndpoint => ({
    ...f,
    suggestedModelId: suggestModelId(f, models),
  });
  // Not awaited: the scan runs in this process's background; its row carries the progress.
  void runScan(scan.id, plan.targets, plan.protocols, identify, limits);
  return toView(scan, []);
}

function statusOf(row: ScanRow, now: number): { status: ScanStatus; error: string | null } {
  if (row.status === 'running' && now - row.heartbeatAt.getTime() > STALE_MS)
    return { status: 'failed', error: 'interrupted: the server running this scan stopped' };
  return { status: row.status as ScanStatus, error: row.error };
}

function toView(row: ScanRow, found: ScanView['found'], now = Date.now()): ScanView {
  const { status, error } = statusOf(row, now);
  return {
    id: row.id,
    cidr: row.cidr,
    ports: JSON.parse(row.ports) as number[],
    protocols: JSON.parse(row.protocols) as DiscoveryProtocol[],
    status,
    progress: row.total === 0 ? 1 : status === 'done' ? 1 : row.probed / row.total,
    probed: row.probed,
    total: row.total,
    error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    actorName: row.actorName,
    found,
  };
}

/** The devices of the actor's scope that any of these endpoints could be. */
export async function knownDevicesFor(actor: Actor, found: readonly FoundEndpoint[]) {
  if (found.length === 0) return [];
  const macs = found.map((f) => f.mac).filter((m): m is string => Boolean(m));
  const serials = found.map((f) => f.serial).filter((s): s is string => Boolean(s));
  const hosts = [...new Set(found.map((f) => f.host))];
  return getDb().device.findMany({
    where: {
      ...deviceScopeWhere(actor),
      OR: [{ macAddress: { in: macs } }, { serial: { in: serials } }, { host: { in: hosts } }],
    },
    select: { id: true, macAddress: true, serial: true, host: true, port: true },
  });
}

export async function loadScan(actor: Actor, id: number): Promise<{ row: ScanRow; found: FoundEndpoint[] }> {
  const row = await getDb().discoveryScan.findFirst({ where: { id, ...scopeWhere(actor) } });
  if (!row) throw notFound(`Discovery scan ${id}`);
  return { row, found: JSON.parse(row.found) as FoundEndpoint[] };
}

export async function getScan(actor: Actor, id: number): Promise<ScanView> {
  requireRole(actor, 'viewer');
  const { row, found } = await loadScan(actor, id);
  return toView(row, matchKnown(found, await knownDevicesFor(actor, found)));
}

/** Recent scans without their results (the discovery page's history). */
export async function listScans(
  actor: Actor,
  limit = 20,
): Promise<(Omit<ScanView, 'found'> & { foundCount: number })[]> {
  requireRole(actor, 'viewer');
  const rows = await getDb().discoveryScan.findMany({
    where: scopeWhere(actor),
    orderBy: { id: 'desc' },
    take: limit,
  });
  const now = Date.now();
  return rows.map((row) => {
    const { found: _found, ...view } = toView(row, [], now);
    return { ...view, foundCount: (JSON.parse(row.found) as unknown[]).length };
  });
}
