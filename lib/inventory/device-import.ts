import { parse } from 'csv-parse/sync';
import { recordAudit } from '../audit/record';
import { type Actor, requireRole } from '../auth/actor';
import { getDb } from '../db/client';
import { AppError, invalidCsv } from '../errors';
import { getDeviceDirectory } from '../telemetry/device-directory';
import { DeviceCreate } from './schemas';
import {
  defaultTenantId,
  deviceWriteIssues,
  loadWriteScope,
  siteAllowed,
  type WriteScope,
} from './write-scope';

export const IMPORT_MAX_ROWS = 10_000;
export const IMPORT_COLUMNS = [
  'name',
  'serial',
  'site',
  'model',
  'rack',
  'slotRow',
  'slotColumn',
  'macAddress',
  'protocol',
  'host',
  'port',
  'tenant',
  'notes',
] as const;

export type ImportRowError = { line: number; errors: { field: string; message: string }[] };

type Lookups = {
  sites: Map<string, number>;
  models: Map<string, number>;
  racks: Map<string, { id: number; rows: number; columns: number }>;
  tenants: Map<string, number>;
  serials: Set<string>;
  macs: Set<string>;
  slots: Set<string>;
};

/** Sites and tenants a row may name: for a hosting client only its own (others read as unknown). */
async function loadLookups(scope: WriteScope): Promise<Lookups> {
  const db = getDb();
  const [sites, models, racks, tenants, devices] = await Promise.all([
    db.site.findMany({ select: { id: true, name: true } }),
    db.deviceModel.findMany({ select: { id: true, vendor: true, model: true } }),
    db.rack.findMany({ select: { id: true, siteId: true, name: true, rows: true, columns: true } }),
    db.tenant.findMany({ select: { id: true, name: true } }),
    db.device.findMany({
      select: { serial: true, macAddress: true, rackId: true, slotRow: true, slotColumn: true },
    }),
  ]);
  const usableSites = sites.filter((s) => siteAllowed(scope, s.id));
  const usableTenants = tenants.filter((t) => scope.kind === 'staff' || t.id === scope.tenantId);
  return {
    sites: new Map(
      usableSites.flatMap((s) => [
        [s.name.toLowerCase(), s.id],
        [String(s.id), s.id],
      ]),
    ),
    models: new Map(
      models.flatMap((m) => [
        [`${m.vendor} ${m.model}`.toLowerCase(), m.id],
        [m.model.toLowerCase(), m.id],
      ]),
    ),
    racks: new Map(racks.map((r) => [`${r.siteId}/${r.name.toLowerCase()}`, r])),
    tenants: new Map(usableTenants.map((t) => [t.name.toLowerCase(), t.id])),
    serials: new Set(devices.map((d) => d.serial)),
    macs: new Set(devices.flatMap((d) => (d.macAddress ? [d.macAddress] : []))),
    slots: new Set(devices.flatMap((d) => (d.rackId ? [`${d.rackId}/${d.slotRow}/${d.slotColumn}`] : []))),
  };
}

const int = (v: string | undefined) => (v ? Number(v) : null);

/**
 * Validates every row of a device CSV and imports all of them in one transaction — or none:
 * any bad row (unknown site/model/rack, bad value, duplicate serial/MAC/slot in the file or the
 * database) fails the import with a report listing every bad row and field.
 */
export async function importDevicesCsv(actor: Actor, csv: string) {
  requireRole(actor, 'operator');
  let records: Record<string, string>[];
  try {
    records = parse(csv, {
      columns: (h: string[]) => h.map((c) => c.trim()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (error) {
    const message = `Could not read the CSV: ${(error as Error).message}`;
    throw invalidCsv(message, [{ line: (error as { lines?: number }).lines ?? 0, message }]);
  }
  if (records.length === 0)
    throw invalidCsv('The CSV has no data rows', [{ line: 0, message: 'no data rows' }]);
  if (records.length > IMPORT_MAX_ROWS)
    throw new AppError(413, 'payload_too_large', `At most ${IMPORT_MAX_ROWS} rows per import`);
  const header = Object.keys(records[0] ?? {});
  const unknown = header.filter((h) => !(IMPORT_COLUMNS as readonly string[]).includes(h));
  const missing = ['name', 'serial', 'site', 'model'].filter((h) => !header.includes(h));
  if (missing.length || unknown.length) {
    const message = [
      missing.length ? `missing ${missing.join(', ')}` : '',
      unknown.length ? `unknown ${unknown.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    throw invalidCsv(
      'The CSV header does not match',
      [{ line: 1, field: 'header', message: `${message} (expected ${IMPORT_COLUMNS.join(', ')})` }],
      { missing, unknown, expected: IMPORT_COLUMNS },
    );
  }

  const scope = await loadWriteScope(actor);
  const lookups = await loadLookups(scope);
  const errors: ImportRowError[] = [];
  const valid: DeviceCreate[] = [];
  records.forEach((row, index) => {
    const line = index + 2; // header is line 1
    const rowErrors: ImportRowError['errors'] = [];
    const siteId = lookups.sites.get((row.site ?? '').toLowerCase());
    if (!siteId) rowErrors.push({ field: 'site', message: `unknown site "${row.site}"` });
    const modelId = lookups.models.get((row.model ?? '').toLowerCase());
    if (!modelId)
      rowErrors.push({ field: 'model', message: `unknown model "${row.model}" (use "Vendor Model")` });
    const rack = row.rack && siteId ? lookups.racks.get(`${siteId}/${row.rack.toLowerCase()}`) : undefined;
    if (row.rack && siteId && !rack)
      rowErrors.push({ field: 'rack', message: `no rack "${row.rack}" at this site` });
    const tenantId = row.tenant ? lookups.tenants.get(row.tenant.toLowerCase()) : null;
    if (row.tenant && !tenantId)
      rowErrors.push({ field: 'tenant', message: `unknown tenant "${row.tenant}"` });

    const parsed = DeviceCreate.safeParse({
      name: row.name,
      serial: row.serial,
      siteId: siteId ?? 1,
      modelId: modelId ?? 1,
      rackId: rack?.id ?? null,
      slotRow: int(row.slotRow),
      slotColumn: int(row.slotColumn),
      macAddress: row.macAddress || null,
      protocol: row.protocol || undefined,
      host: row.host || null,
      port: int(row.port),
      tenantId: defaultTenantId(scope, row.tenant ? tenantId : undefined),
      notes: row.notes || null,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        rowErrors.push({ field: issue.path.join('.'), message: issue.message });
    } else {
      const d = parsed.data;
      if (siteId) {
        for (const issue of deviceWriteIssues(scope, { tenantId: d.tenantId ?? null, siteId }))
          rowErrors.push({ field: issue.path === 'siteId' ? 'site' : 'tenant', message: issue.message });
      }
      if (lookups.serials.has(d.serial))
        rowErrors.push({ field: 'serial', message: `serial ${d.serial} already exists` });
      if (d.macAddress && lookups.macs.has(d.macAddress))
        rowErrors.push({ field: 'macAddress', message: `MAC ${d.macAddress} already exists` });
      if (rack && d.slotRow != null && (d.slotRow > rack.rows || (d.slotColumn ?? 0) > rack.columns)) {
        rowErrors.push({
          field: 'slotRow',
          message: `slot outside rack ${row.rack} (${rack.rows}×${rack.columns})`,
        });
      }
      const slotKey = rack && d.slotRow != null ? `${rack.id}/${d.slotRow}/${d.slotColumn}` : null;
      if (slotKey && lookups.slots.has(slotKey))
        rowErrors.push({ field: 'slotRow', message: 'slot already occupied' });
      if (rowErrors.length === 0) {
        // Later rows must not reuse what earlier rows of the same file claimed.
        lookups.serials.add(d.serial);
        if (d.macAddress) lookups.macs.add(d.macAddress);
        if (slotKey) lookups.slots.add(slotKey);
        valid.push(d);
      }
    }
    if (rowErrors.length) errors.push({ line, errors: rowErrors });
  });

  if (errors.length) {
    throw invalidCsv(
      `${errors.length} of ${records.length} rows are invalid; nothing was imported`,
      errors.flatMap((r) => r.errors.map((e) => ({ line: r.line, field: e.field, message: e.message }))),
      { rows: errors },
    );
  }
  await getDb().$transaction(async (tx) => {
    for (let i = 0; i < valid.length; i += 500) {
      await tx.device.createMany({
        data: valid.slice(i, i + 500).map((d) => ({ ...d, status: 'offline' as const })),
      });
    }
  });
  getDeviceDirectory().invalidate();
  await recordAudit(actor, 'device.import', null, { count: valid.length });
  return { imported: valid.length };
}
