// The demo's GPU work: since money follows the assignment history (lib/workloads/revenue-rate), a
// demo whose GPU servers were never assigned would show $0 of AI revenue. On first start the demo
// GPU racks get a plausible mix, in force from the start of the simulated history so reports over
// the backfilled week and the live money views read the same story: whole racks on long training
// jobs, racks split between a job and spot rental, rented racks, and a few idle nodes. Rack by
// rack in name order, so the same inventory always gets the same plan.
import { SYSTEM_ACTOR } from '../auth/actor';
import { queryRows, sql, withRawTransaction } from '../db/raw';
import { createJob } from '../workloads/jobs';
import { DEFAULT_RENTAL } from '../workloads/rental';
import { loadJobRow, replaceDeviceWorkload } from '../workloads/rows';
import { applyJobTransition } from '../workloads/transitions';
import { simGpuRateAt } from './market/gpu';

export type DemoGpuNode = {
  id: number;
  rack: string;
  gpuModel: string | null;
  gpuCount: number;
};

export type DemoJobPlan = {
  name: string;
  gpuModel: string;
  gpuCount: number;
  multiNode: boolean;
  /** The job's price as a share of the spot rental rate at the start (contracts sit near spot). */
  priceFactor: number;
  expectedHours: number;
  deviceIds: number[];
};

export type DemoWorkloadPlan = { jobs: DemoJobPlan[]; rent: DemoGpuNode[]; idle: number[] };

const JOB_NAMES = [
  'LLM pre-training 70B (Northwind)',
  'Fine-tune 8B chat model',
  'Protein-folding sweep',
  'Long-context inference batch',
  'Vision transformer training',
  'Video diffusion render',
  'Speech model distillation',
  'Recommendation model retrain',
];

/**
 * At least 0.2 of a simulated job runs before it can fail (executors/simulated-model.ts), so a job
 * this long that started a week back (the history) neither finishes nor fails at the first tick.
 */
const MIN_EXPECTED_HOURS = 960;

type Layout = 'job' | 'job+rent' | 'rent' | 'rent+idle';
const LAYOUTS: readonly Layout[] = ['job', 'job+rent', 'rent', 'rent+idle'];

/** Pure: which demo GPU node does what, given the nodes in rack order. */
export function planDemoWorkloads(nodes: readonly DemoGpuNode[]): DemoWorkloadPlan {
  const racks = new Map<string, DemoGpuNode[]>();
  for (const n of nodes) racks.set(n.rack, [...(racks.get(n.rack) ?? []), n]);
  const plan: DemoWorkloadPlan = { jobs: [], rent: [], idle: [] };
  let i = 0;
  for (const rack of [...racks.keys()].sort()) {
    const members = racks.get(rack)!.filter((n) => n.gpuCount > 0 && n.gpuModel);
    // A bench of one or two machines is rented or idle; a full rack takes the next layout in turn.
    const layout: Layout = members.length < 4 ? 'rent+idle' : LAYOUTS[i++ % LAYOUTS.length]!;
    const half = Math.ceil(members.length / 2);
    const onJob = layout === 'job' ? members : layout === 'job+rent' ? members.slice(0, half) : [];
    const rest = members.slice(onJob.length);
    const rented = layout === 'rent+idle' ? rest.slice(0, half) : rest;
    plan.rent.push(...rented);
    plan.idle.push(...rest.slice(rented.length).map((n) => n.id));
    if (onJob.length > 0) {
      const k = plan.jobs.length;
      plan.jobs.push({
        name: JOB_NAMES[k % JOB_NAMES.length]!,
        gpuModel: onJob[0]!.gpuModel!,
        gpuCount: onJob.reduce((a, n) => a + n.gpuCount, 0),
        multiNode: onJob.length > 1,
        priceFactor: [0.95, 1.1, 1.0, 1.2, 0.9][k % 5]!,
        expectedHours: MIN_EXPECTED_HOURS + 240 * (k % 6),
        deviceIds: onJob.map((n) => n.id),
      });
    }
  }
  return plan;
}

export type DemoWorkloadCounts = { jobs: number; onJob: number; rented: number; idle: number };

/**
 * Writes the plan as history starting at `startMs`: jobs placed and running, rentals at the
 * simulated market rate then, idle nodes idle. Only for a freshly seeded demo (bootstrap).
 */
export async function seedDemoWorkloads(seed: number, startMs: number): Promise<DemoWorkloadCounts> {
  const rows = await queryRows<{
    id: number;
    rack: string | null;
    gpu_model: string | null;
    gpu_count: number | null;
  }>(
    sql`SELECT d.id, r.name AS rack, m.gpu_model, m.gpu_count FROM device d
        JOIN device_model m ON m.id = d.model_id LEFT JOIN rack r ON r.id = d.rack_id
        WHERE m.class = 'gpu' ORDER BY d.site_id, r.name, d.slot_row, d.slot_column, d.id`,
  );
  const nodes = rows.map((r) => ({
    id: Number(r.id),
    rack: `${r.rack ?? ''}`,
    gpuModel: r.gpu_model,
    gpuCount: Number(r.gpu_count ?? 0),
  }));
  const plan = planDemoWorkloads(nodes);
  const rateAt = (gpuModel: string) => simGpuRateAt(seed, gpuModel, startMs);
  const actor = { ...SYSTEM_ACTOR, name: 'demo seed' };
  const jobs: { job: DemoJobPlan; jobId: number; price: number }[] = [];
  for (const job of plan.jobs) {
    const rate = rateAt(job.gpuModel);
    if (rate === undefined) continue;
    const price = Math.round(rate * job.priceFactor * 100) / 100;
    const created = await createJob(
      actor,
      {
        name: job.name,
        gpuCount: job.gpuCount,
        gpuModel: job.gpuModel,
        expectedHours: job.expectedHours,
        priceUsdPerGpuHour: price,
        preemptible: false,
        multiNode: job.multiNode,
        needsFirmPower: true,
        executor: 'simulated',
      },
      startMs,
    );
    jobs.push({ job, jobId: created.id, price });
  }
  await withRawTransaction(async (client) => {
    const claim = async (deviceId: number, next: Parameters<typeof replaceDeviceWorkload>[1]) => {
      const written = await replaceDeviceWorkload(client, next, 0, actor, startMs);
      if (!written.ok) throw new Error(`demo device ${deviceId} already has a workload`);
    };
    for (const { job, jobId, price } of jobs) {
      const queued = (await loadJobRow(jobId, client))!;
      const scheduled = await applyJobTransition(client, queued, 'scheduled', actor, {
        via: 'placement',
        now: startMs,
      });
      const perNode = job.gpuCount / job.deviceIds.length;
      for (const deviceId of job.deviceIds) {
        await claim(deviceId, {
          deviceId,
          kind: 'job',
          jobId,
          gpus: perNode,
          rateUsdPerGpuHour: price,
          source: 'manual',
          reason: 'demo seed',
        });
      }
      await applyJobTransition(client, scheduled, 'running', actor, {
        via: 'executor',
        now: startMs + 30_000,
      });
    }
    for (const node of plan.rent) {
      await claim(node.id, {
        deviceId: node.id,
        kind: 'rent',
        gpus: node.gpuCount,
        rateUsdPerGpuHour: rateAt(node.gpuModel!) ?? null,
        utilisationPct: DEFAULT_RENTAL.utilisationPct,
        source: 'manual',
        reason: 'demo seed',
      });
    }
    for (const id of plan.idle) {
      await claim(id, { deviceId: id, kind: 'idle', source: 'manual', reason: 'demo seed' });
    }
  });
  return {
    jobs: jobs.length,
    onJob: jobs.reduce((a, j) => a + j.job.deviceIds.length, 0),
    rented: plan.rent.length,
    idle: plan.idle.length,
  };
}
