// GET /api/v1/allocation/plans?status&source&limit – recent plans, newest first (no inputs);
// POST – a dry run: plan the sites over the horizon with optional what-if overrides (issue #10).
import { AllocationPlanRequestBody } from '@/lib/allocation/plans/body';
import { createPlan, listPlans } from '@/lib/allocation/plans/plans';
import { PlanListQuery } from '@/lib/allocation/plans/schemas';
import { parseQuery, route } from '@/lib/http/route';

export const GET = route(async ({ req, actor }) => listPlans(actor, parseQuery(req, PlanListQuery)));

export const POST = route(async ({ req, actor }) => {
  const plan = await createPlan(actor, await AllocationPlanRequestBody(req), Date.now());
  return Response.json(plan, { status: 201 });
});
