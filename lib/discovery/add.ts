// "Add to inventory": turns found endpoints of a scan into devices of one site, in one transaction,
// skipping those that already are devices (by MAC, serial or endpoint). Tenant write rules apply.
import { recordAudit } from '../audit/record';
import { type Actor, requireRole } from '../auth/actor';
import { getDb } from '../db/client';
import { badRequest, conflict } from '../errors';
import { assertDeviceWrite, defaultTenantId, loadWriteScope } from '../inventory/write-scope';
import { getDeviceDirectory } from '../telemetry/device-directory';
import { discoveredSerial, matchKnown } from './match';
import { loadScan } from './scans';
import type { DiscoveryAdd } from './schemas';
import type { FoundEndpoint } from './types';

export type AddOutcome = {
  created: { host: string; port: number; deviceId: number }[];
  skipped: { host: string; port: number; reason: string; deviceId?: number }[];
};

function deviceName(f: FoundEndpoint, given: string | undefined): string {
  return (given ?? f.hostname ?? `${f.model ?? f.protocol} ${f.host}`).slice(0, 100);
}

export async function addFromScan(actor: Actor, scanId: number, input: DiscoveryAdd): Promise<AddOutcome> {
  requireRole(actor, 'operator');
  const db = getDb();
  const { found } = await loadScan(actor, scanId);
  const scope = await loadWriteScope(actor);
  const tenantId = defaultTenantId(scope, undefined);
  assertDeviceWrite(scope, { tenantId, siteId: input.siteId });
  if (!(await db.site.findUnique({ where: { id: input.siteId }, select: { id: true } })))
    throw badRequest('Unknown site', [{ path: 'siteId', message: `site ${input.siteId} does not exist` }]);
  if (input.rackId != null) {
    const rack = await db.rack.findUnique({ where: { id: input.rackId }, select: { siteId: true } });
    if (!rack || rack.siteId !== input.siteId)
      throw badRequest('Unknown rack', [
        { path: 'rackId', message: `rack ${input.rackId} is not in site ${input.siteId}` },
      ]);
  }
  const modelIds = new Set((await db.deviceModel.findMany({ select: { id: true } })).map((m) => m.id));

  const outcome: AddOutcome = { created: [], skipped: [] };
  const picked: { f: FoundEndpoint; modelId: number; name?: string }[] = [];
  for (const item of input.items) {
    const f = found.find((e) => e.host === item.host && e.port === item.port);
    if (!f) {
      outcome.skipped.push({ ...item, reason: 'not found by this scan' });
      continue;
    }
    const modelId = item.modelId ?? f.suggestedModelId ?? input.modelId;
    if (modelId === undefined || modelId === null || !modelIds.has(modelId)) {
      outcome.skipped.push({
        host: f.host,
        port: f.port,
        reason: modelId ? `device model ${modelId} does not exist` : 'no model: choose one',
      });
      continue;
    }
    picked.push({ f, modelId, name: item.name });
  }

  // Known devices are matched over the whole inventory (MAC and serial are unique fleet-wide);
  // one outside the caller's scope is reported as registered, without its id.
  const candidates = picked.map((p) => ({ ...p.f, serial: discoveredSerial(p.f) }));
  const all = await db.device.findMany({
    where: {
      OR: [
        { macAddress: { in: candidates.map((c) => c.mac).filter((m): m is string => Boolean(m)) } },
        { serial: { in: candidates.map((c) => c.serial) } },
        { host: { in: candidates.map((c) => c.host) } },
      ],
    },
    select: { id: true, macAddress: true, serial: true, host: true, port: true, tenantId: true },
  });
  const visible = new Set(
    all.filter((d) => actor.tenantId === null || d.tenantId === actor.tenantId).map((d) => d.id),
  );
  const matched = matchKnown(candidates, all);
  const seen = new Set<string>();
  const creates: { p: (typeof picked)[number]; serial: string }[] = [];
  matched.forEach((m, i) => {
    const p = picked[i]!;
    if (m.knownDeviceId !== undefined) {
      const mine = visible.has(m.knownDeviceId);
      outcome.skipped.push({
        host: m.host,
        port: m.port,
        reason: mine ? `already device ${m.knownDeviceId} (same ${m.knownBy})` : 'already registered',
        ...(mine ? { deviceId: m.knownDeviceId } : {}),
      });
      return;
    }
    // The same box answering on two ports, or twice in one request, becomes one device.
    const keys = [m.mac, m.serial].filter(Boolean) as string[];
    if (keys.some((k) => seen.has(k))) {
      outcome.skipped.push({
        host: m.host,
        port: m.port,
        reason: 'duplicate of another item in this request',
      });
      return;
    }
    for (const k of keys) seen.add(k);
    creates.push({ p, serial: m.serial! });
  });

  if (creates.length > 0) {
    let rows: { id: number; host: string | null; port: number | null }[];
    try {
      rows = await db.$transaction(
        creates.map(({ p, serial }) =>
          db.device.create({
            data: {
              name: deviceName(p.f, p.name),
              serial,
              macAddress: p.f.mac,
              siteId: input.siteId,
              rackId: input.rackId ?? null,
              modelId: p.modelId,
              protocol: p.f.protocol,
              host: p.f.host,
              port: p.f.port,
              tenantId,
              status: 'offline',
              notes: [p.f.vendor, p.f.model, p.f.firmware].filter(Boolean).join(' · ').slice(0, 2000) || null,
            },
            select: { id: true, host: true, port: true },
          }),
        ),
      );
    } catch (err) {
      // Another request registered one of them meanwhile (unique serial/MAC): nothing was written.
      if ((err as { code?: string }).code === 'P2002')
        throw conflict('Some of these devices were registered meanwhile; scan again or retry');
      throw err;
    }
    getDeviceDirectory().invalidate();
    outcome.created = rows.map((r) => ({ host: r.host!, port: r.port!, deviceId: r.id }));
  }
  await recordAudit(actor, 'discovery.add', `discovery:${scanId}`, {
    siteId: input.siteId,
    created: outcome.created.map((c) => c.deviceId),
    skipped: outcome.skipped.length,
  });
  return outcome;
}
