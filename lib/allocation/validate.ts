import type { AllocationInput } from './types';

/** Rejects inputs the model cannot mean anything for; adapters build inputs, so these are bugs. */
export function validateInput(input: AllocationInput): void {
  const fail = (message: string): never => {
    throw new RangeError(`allocation input: ${message}`);
  };
  if (!(Number.isInteger(input.intervals) && input.intervals >= 1 && input.intervals <= 24 * 14)) {
    fail(`intervals must be an integer 1–336, got ${input.intervals}`);
  }
  if (!(input.intervalMin > 0)) fail(`intervalMin must be > 0, got ${input.intervalMin}`);
  if (!(Number.isFinite(input.hashpriceUsdPerPhDay) && input.hashpriceUsdPerPhDay >= 0)) {
    fail('hashpriceUsdPerPhDay must be ≥ 0');
  }
  const siteIds = new Set<string>();
  for (const s of input.sites) {
    if (siteIds.has(s.siteId)) fail(`duplicate site ${s.siteId}`);
    siteIds.add(s.siteId);
    if (s.priceUsdPerMwh.length !== input.intervals) {
      fail(`site ${s.siteId} has ${s.priceUsdPerMwh.length} prices for ${input.intervals} intervals`);
    }
    if (!s.priceUsdPerMwh.every(Number.isFinite)) fail(`site ${s.siteId} has a non-finite price`);
    if (!(s.capacityKw >= 0 && s.pue >= 1)) fail(`site ${s.siteId} needs capacityKw ≥ 0 and PUE ≥ 1`);
  }
  const models = new Set<string>();
  for (const m of input.minerModels) {
    models.add(m.modelId);
    if (m.profiles.length === 0 || !m.profiles[m.nominalIndex])
      fail(`model ${m.modelId} has no nominal profile`);
    if (m.profiles.some((p) => !(p.powerW > 0 && p.hashrateThs >= 0))) fail(`model ${m.modelId} profile`);
  }
  for (const g of input.gpuModels) {
    if (models.has(g.modelId)) fail(`model ${g.modelId} is both a miner and a GPU server`);
    models.add(g.modelId);
    if (
      !(Number.isInteger(g.gpuCount) && g.gpuCount > 0 && g.busyPowerW >= g.idlePowerW && g.idlePowerW >= 0)
    ) {
      fail(`GPU model ${g.modelId} needs gpuCount > 0 and busyPowerW ≥ idlePowerW ≥ 0`);
    }
  }
  const deviceIds = new Map<string, { gpu: boolean; maintenance: boolean }>();
  const gpuIds = new Set(input.gpuModels.map((g) => g.modelId));
  for (const d of input.devices) {
    if (deviceIds.has(d.deviceId)) fail(`duplicate device ${d.deviceId}`);
    if (!siteIds.has(d.siteId)) fail(`device ${d.deviceId} names unknown site ${d.siteId}`);
    if (!models.has(d.modelId)) fail(`device ${d.deviceId} names unknown model ${d.modelId}`);
    const gpu = gpuIds.has(d.modelId);
    if (gpu !== (d.state.kind === 'gpu')) fail(`device ${d.deviceId} state does not match its class`);
    deviceIds.set(d.deviceId, { gpu, maintenance: d.maintenance });
  }
  const jobIds = new Set<string>();
  for (const j of input.jobs) {
    if (jobIds.has(j.jobId)) fail(`duplicate job ${j.jobId}`);
    jobIds.add(j.jobId);
    if (!(Number.isInteger(j.gpuCount) && j.gpuCount > 0 && j.remainingH > 0 && j.usdPerGpuH >= 0)) {
      fail(`job ${j.jobId} needs gpuCount > 0, remainingH > 0, usdPerGpuH ≥ 0`);
    }
    for (const a of j.running ?? []) {
      const d = deviceIds.get(a.deviceId);
      if (!d?.gpu) fail(`job ${j.jobId} runs on ${a.deviceId}, which is not a GPU server`);
      if (d?.maintenance) fail(`job ${j.jobId} runs on ${a.deviceId}, which is in maintenance`);
    }
  }
}
