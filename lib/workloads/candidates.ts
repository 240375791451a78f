// The device facts workload decisions need, in one query: model GPUs, site firm power, rack and
// slot (worker names), and the current workload with its version (concurrency guard).
import type { Actor } from '../auth/actor';
import { empty, join, queryRows, type Sql, sql } from '../db/raw';
import { deviceScopeSql } from '../inventory/scope';
import type { GpuCandidate } from './fit';
import { bool, num } from './rows';
import type { AssignmentKind } from './schemas';
import { renderWorkerName } from './worker-name';

export type DeviceFacts = GpuCandidate & {
  serial: string;
  siteName: string;
  rackId: number | null;
  rackName: string | null;
  slotRow: number | null;
  slotColumn: number | null;
  tenantId: number | null;
  powerTargetW: number | null;
  workloadKind: AssignmentKind | null;
  poolId: number | null;
  version: number;
  reportedPoolUrl: string | null;
};

type Row = Record<string, unknown>;

export async function loadDeviceFacts(actor: Actor, filter: Sql): Promise<DeviceFacts[]> {
  const rows = await queryRows<Row>(sql`
    SELECT d.id, d.name, d.serial, d.status, d.site_id, s.name AS site_name, s.firm_power, d.rack_id, r.name AS rack_name,
           d.slot_row, d.slot_column, d.tenant_id, d.power_target_w, m.class, m.gpu_count, m.gpu_memory_gb, m.gpu_model,
           w.kind AS workload_kind, w.job_id, w.pool_id, w.version, l.pool_url
    FROM device d
      JOIN device_model m ON m.id = d.model_id
      JOIN site s ON s.id = d.site_id
      LEFT JOIN rack r ON r.id = d.rack_id
      LEFT JOIN device_workload w ON w.device_id = d.id
      LEFT JOIN device_latest l ON l.device_id = d.id
    WHERE 1 = 1 ${filter} ${deviceScopeSql(actor)}
    ORDER BY d.id`);
  return rows.map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    serial: String(r.serial),
    class: r.class as DeviceFacts['class'],
    status: r.status as DeviceFacts['status'],
    siteId: Number(r.site_id),
    siteName: String(r.site_name),
    siteFirmPower: bool(r.firm_power),
    rackId: num(r.rack_id),
    rackName: (r.rack_name as string | null) ?? null,
    slotRow: num(r.slot_row),
    slotColumn: num(r.slot_column),
    tenantId: num(r.tenant_id),
    powerTargetW: num(r.power_target_w),
    gpuCount: num(r.gpu_count),
    gpuMemoryGb: num(r.gpu_memory_gb),
    gpuModel: (r.gpu_model as string | null) ?? null,
    workloadKind: (r.workload_kind as AssignmentKind | null) ?? null,
    busyJobId: r.workload_kind === 'job' ? num(r.job_id) : null,
    poolId: num(r.pool_id),
    version: num(r.version) ?? 0,
    reportedPoolUrl: (r.pool_url as string | null) ?? null,
  }));
}

export const byDeviceIds = (ids: number[]) => (ids.length ? sql`AND d.id IN (${join(ids)})` : sql`AND 1 = 0`);
export const byRack = (rackId: number) => sql`AND d.rack_id = ${rackId}`;
export const bySite = (siteId: number) => sql`AND d.site_id = ${siteId}`;

/** GPU servers in the actor's scope (for "where would this job fit"). */
export function loadGpuCandidates(actor: Actor, siteId?: number): Promise<DeviceFacts[]> {
  return loadDeviceFacts(actor, sql`AND m.class = 'gpu' ${siteId ? bySite(siteId) : empty}`);
}

/** The worker name a device should mine under with `template` (placeholders from its inventory). */
export function expectedWorkerName(template: string, d: DeviceFacts): string {
  return renderWorkerName(template, {
    site: d.siteName,
    rack: d.rackName,
    slotRow: d.slotRow,
    slotColumn: d.slotColumn,
    serial: d.serial,
    name: d.name,
  });
}
