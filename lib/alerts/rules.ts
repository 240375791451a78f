// Alert rules: stored definitions. Reads for every signed-in user (hosting clients see the
// fleet-wide rules and their own tenant's); changes by staff operators.
import { recordAudit } from '../audit/record';
import { type Actor, requireRole, requireStaff } from '../auth/actor';
import { getDb } from '../db/client';
import type { AlertRule } from '../db/generated/sqlite/client';
import { badRequest, notFound } from '../errors';
import { type RuleCreate, type RuleUpdate, ruleActionProblem } from './schemas';
import type { Rule, Scope } from './types';

export type RuleView = Rule & { builtin: string | null; createdAt: string; updatedAt: string };

export function ruleFromRow(row: AlertRule): Rule {
  return {
    id: row.id,
    name: row.name,
    metric: row.metric as Rule['metric'],
    op: row.op as Rule['op'],
    threshold: JSON.parse(row.threshold) as number | string,
    relativeTo: (row.relativeTo as Rule['relativeTo']) ?? null,
    forS: row.forS,
    clearThreshold: row.clearThreshold,
    cooldownS: row.cooldownS,
    severity: row.severity as Rule['severity'],
    scope: JSON.parse(row.scope) as Scope,
    enabled: row.enabled,
    action: row.action ? (JSON.parse(row.action) as Rule['action']) : null,
  };
}

const view = (row: AlertRule): RuleView => ({
  ...ruleFromRow(row),
  builtin: row.builtin,
  createdAt: new Date(Number(row.createdAt)).toISOString(),
  updatedAt: new Date(Number(row.updatedAt)).toISOString(),
});

function visible(actor: Actor, rule: Rule): boolean {
  return (
    actor.tenantId === null || rule.scope.tenantId === undefined || rule.scope.tenantId === actor.tenantId
  );
}

function toData(input: Partial<RuleCreate>) {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.metric !== undefined && { metric: input.metric }),
    ...(input.op !== undefined && { op: input.op }),
    ...(input.threshold !== undefined && { threshold: JSON.stringify(input.threshold) }),
    ...(input.relativeTo !== undefined && { relativeTo: input.relativeTo }),
    ...(input.forS !== undefined && { forS: input.forS }),
    ...(input.clearThreshold !== undefined && { clearThreshold: input.clearThreshold }),
    ...(input.cooldownS !== undefined && { cooldownS: input.cooldownS ?? 0 }),
    ...(input.severity !== undefined && { severity: input.severity }),
    ...(input.scope !== undefined && { scope: JSON.stringify(input.scope) }),
    ...(input.enabled !== undefined && { enabled: input.enabled }),
    ...(input.action !== undefined && { action: input.action ? JSON.stringify(input.action) : null }),
  };
}

export async function listRules(actor: Actor): Promise<RuleView[]> {
  requireRole(actor, 'viewer');
  const rows = await getDb().alertRule.findMany({ orderBy: { id: 'asc' } });
  return rows.map(view).filter((r) => visible(actor, r));
}

export async function getRule(actor: Actor, id: number): Promise<RuleView> {
  requireRole(actor, 'viewer');
  const row = await getDb().alertRule.findUnique({ where: { id } });
  if (!row || !visible(actor, ruleFromRow(row))) throw notFound(`Alert rule ${id}`);
  return view(row);
}

export async function createRule(actor: Actor, input: RuleCreate, now = Date.now()): Promise<RuleView> {
  requireStaff(actor, 'operator');
  const row = await getDb().alertRule.create({
    data: {
      ...toData(input),
      name: input.name,
      metric: input.metric,
      op: input.op,
      threshold: JSON.stringify(input.threshold),
      forS: input.forS,
      severity: input.severity,
      createdAt: BigInt(now),
      updatedAt: BigInt(now),
    },
  });
  await recordAudit(actor, 'alert_rule.create', `alert_rule:${row.id}`, { name: row.name });
  return view(row);
}

export async function updateRule(actor: Actor, id: number, input: RuleUpdate, now = Date.now()) {
  requireStaff(actor, 'operator');
  const existing = await getDb().alertRule.findUnique({ where: { id } });
  if (!existing) throw notFound(`Alert rule ${id}`);
  const action = input.action === undefined ? ruleFromRow(existing).action : input.action;
  const problem = action ? ruleActionProblem(input.metric ?? existing.metric, action) : null;
  if (problem)
    throw badRequest(problem.message, [{ path: `action.${problem.path}`, message: problem.message }]);
  const row = await getDb().alertRule.update({
    where: { id },
    data: { ...toData(input), updatedAt: BigInt(now) },
  });
  await recordAudit(actor, 'alert_rule.update', `alert_rule:${id}`, { fields: Object.keys(input) });
  return view(row);
}

/** Deleting a rule drops its evaluator memory; its alerts resolve on the next tick. */
export async function deleteRule(actor: Actor, id: number): Promise<void> {
  requireStaff(actor, 'operator');
  const db = getDb();
  const existing = await db.alertRule.findUnique({ where: { id } });
  if (!existing) throw notFound(`Alert rule ${id}`);
  await db.$transaction([
    db.alertCondition.deleteMany({ where: { ruleId: id } }),
    db.alertRule.delete({ where: { id } }),
  ]);
  await recordAudit(actor, 'alert_rule.delete', `alert_rule:${id}`, { name: existing.name });
}
