// Automatic mode: every interval (per site, default 15 min) re-plan the sites that are due and apply
// the plan within its guardrails (at most maxSwitchPct of a site's devices switched per interval,
// quiet hours, maintenance devices never touched, hold times). Runs as a background job with a
// PostgreSQL advisory lock (lib/jobs), so one instance plans at a time. Every outcome — applied,
// no change, or the reason it could not plan — is a decision-log row.
import type { Actor } from '../../auth/actor';
import { getDb } from '../../db/client';
import { applyPlan } from './apply';
import { createPlan } from './plans';
import { markAutoRun, readAutoSettings } from './settings';

export const AUTO_ACTOR: Actor = {
  kind: 'system',
  id: null,
  name: 'automatic mode',
  role: 'admin',
  tenantId: null,
};

/** Automatic plans and their inputs are kept this long (the decision rows stay). */
export const AUTO_PLAN_RETENTION_MS = 30 * 86_400_000;

export type TickResult = { planned: number[]; planId: number | null; error: string | null };

export async function runAllocationTick(now: number): Promise<TickResult> {
  const settings = await readAutoSettings();
  const due = settings.filter(
    (s) =>
      s.autoEnabled &&
      // A little slack so a 15-minute site is not skipped because the tick ran a second early.
      (s.lastRunAt === null || now - Date.parse(s.lastRunAt) >= s.intervalMin * 60_000 - 30_000),
  );
  if (due.length === 0) return { planned: [], planId: null, error: null };
  const siteIds = due.map((s) => s.siteId);
  const horizonH = Math.max(...due.map((s) => s.horizonH));
  await markAutoRun(siteIds, now);
  let planId: number | null = null;
  try {
    const plan = await createPlan(
      AUTO_ACTOR,
      {
        siteIds,
        horizonH,
        intervalMin: 60,
        solver: 'heuristic',
        constraints: { guardrails: true, holdTimes: true },
      },
      now,
      { source: 'auto' },
    );
    planId = plan.id;
    await applyPlan(AUTO_ACTOR, plan.id, now, { mode: 'auto' });
    // Sites the plan had to leave out (no price known) get a decision row saying why.
    if (plan.skippedSites.length) {
      await getDb().allocationDecision.createMany({
        data: plan.skippedSites.map((s) => ({
          ts: BigInt(now),
          siteId: s.siteId,
          planId,
          mode: 'auto',
          outcome: 'skipped',
          summary: `${s.name}: not planned: ${s.reason}`.slice(0, 1000),
          actorName: AUTO_ACTOR.name,
          details: JSON.stringify({ reason: s.reason }),
        })),
      });
    }
    await pruneAutoPlans(now);
    return { planned: siteIds, planId, error: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const names = new Map(due.map((s) => [s.siteId, s.name]));
    await getDb().allocationDecision.createMany({
      data: siteIds.map((siteId) => ({
        ts: BigInt(now),
        siteId,
        planId,
        mode: 'auto',
        outcome: 'failed',
        summary: `${names.get(siteId)}: automatic plan failed: ${message}`.slice(0, 1000),
        actorName: AUTO_ACTOR.name,
        details: JSON.stringify({ error: message }),
      })),
    });
    return { planned: siteIds, planId, error: message };
  }
}

async function pruneAutoPlans(now: number) {
  await getDb().allocationPlan.deleteMany({
    where: { source: 'auto', createdAt: { lt: BigInt(now - AUTO_PLAN_RETENTION_MS) } },
  });
}
