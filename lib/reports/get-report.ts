// One entry point for every report kind: resolve the range in the right zone, load the scope, build.
import { type Actor, hasRole } from '../auth/actor';
import { badRequest } from '../errors';
import { aiRevenueBySiteDay } from './ai-revenue';
import { localDays, parseBound } from './days';
import { buildEnergy } from './energy';
import { loadHourSums } from './hour-sums';
import { hourlyHashprice } from './hourly';
import { buildIncidents } from './incidents';
import { buildJobs } from './jobs';
import {
  heldHours,
  inScopeAt,
  loadAssignments,
  loadDeviceHours,
  loadHourlyPrices,
  loadNetworkPoints,
} from './load-hours';
import { buildPerformance, type StatusChange } from './performance';
import { buildRevenue } from './revenue';
import { loadScope, type ReportFilters } from './scope';
import { loadStatusHistory, loadTransitions } from './status-history';
import type { Report, ReportKind } from './types';

export type ReportQuery = ReportFilters & { from: string; to: string };

const TITLES: Record<ReportKind, string> = {
  performance: 'Fleet performance',
  energy: 'Energy and cost',
  revenue: 'Revenue and margin',
  jobs: 'AI jobs',
  incidents: 'Incidents and decisions',
};
const MAX_RANGE_MS = 400 * 86_400_000;

export async function getReport(
  actor: Actor,
  kind: ReportKind,
  query: ReportQuery,
  nowMs: number,
): Promise<Report> {
  const scope = await loadScope(actor, query);
  const single = query.siteId !== undefined ? scope.sites.get(query.siteId) : undefined;
  const zone = single?.timezone ?? 'UTC';
  const fromMs = parseBound(query.from, zone, 'from');
  const toMs = parseBound(query.to, zone, 'to');
  if (fromMs === null || toMs === null)
    throw badRequest('from and to must be ISO-8601 instants, epoch ms or dates (YYYY-MM-DD)');
  if (fromMs >= toMs) throw badRequest('from must be before to');
  if (toMs - fromMs > MAX_RANGE_MS) throw badRequest('A report covers at most 400 days');
  const tenant = scope.tenantId === undefined ? undefined : scope.tenants.get(scope.tenantId)?.name;
  const subject = [single?.name, tenant].filter(Boolean).join(' · ') || 'Fleet';
  const base = {
    kind,
    title: TITLES[kind],
    subject,
    fromMs,
    toMs,
    timezone: single ? zone : 'per site',
    notes: [] as string[],
  };
  if (kind === 'jobs') return { ...base, ...(await buildJobs(scope, fromMs, toMs, nowMs)) };
  if (kind === 'incidents') {
    const staff = actor.tenantId === null && hasRole(actor, 'viewer');
    return { ...base, ...(await buildIncidents(scope, fromMs, toMs, staff)) };
  }
  const daysBySite = new Map(
    [...scope.sites.values()].map((s) => [s.id, localDays(fromMs, toMs, s.timezone)]),
  );
  const assignments = await loadAssignments(scope, fromMs, toMs);
  const notes = ['Energy comes from the hourly rollups: an hour counts at its average measured power.'];
  if (kind === 'performance') {
    const hours = await loadDeviceHours(scope, fromMs, toMs, assignments);
    const { changes, initialStatus } = await loadStatusHistory(scope, fromMs, toMs);
    return {
      ...base,
      notes,
      ...buildPerformance({
        hours,
        devices: scope.devices,
        sites: scope.sites,
        daysBySite,
        changes,
        initialStatus,
      }),
    };
  }
  // Energy and revenue are linear in power and hashrate: summed per group and hour in the database.
  const hours = await loadHourSums(scope, fromMs, toMs, assignments);
  const prices = await loadHourlyPrices(scope, fromMs, toMs);
  if (kind === 'energy') {
    const heldHoursByTenant = heldHours(scope, fromMs, toMs);
    return {
      ...base,
      notes,
      ...buildEnergy({
        hours,
        sites: scope.sites,
        daysBySite,
        prices,
        tenants: scope.tenants,
        heldHoursByTenant,
      }),
    };
  }
  const network = await loadNetworkPoints(fromMs, toMs);
  const hashprice = hourlyHashprice(network, new Set(hours.map((h) => h.hourMs)));
  const transitions = await loadTransitions(assignments);
  const aiRevenueUsd = aiRevenueBySiteDay({
    spans: assignments,
    siteOf: (id) => scope.devices.get(id)?.siteId,
    inScope: (id, ts) => inScopeAt(scope, id, ts) !== false,
    daysBySite,
    transitions,
    nowMs,
  });
  return {
    ...base,
    notes,
    ...buildRevenue({ hours, sites: scope.sites, daysBySite, prices, hashprice, aiRevenueUsd }),
  };
}

export type { StatusChange };
