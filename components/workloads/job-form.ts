// The create-job form's text fields → the API body (POST /api/v1/jobs). Only shape is checked
// here; the server's 400 names anything else and the form shows it next to the field.
import type { JobCreateBody } from '@/lib/api-client/workloads';

export type JobFormValues = Record<string, string | boolean>;

const text = (v: string | boolean | undefined) => (typeof v === 'string' ? v.trim() : '');
const optionalNumber = (v: string | boolean | undefined) => (text(v) === '' ? null : Number(text(v)));

export function toJobBody(
  v: JobFormValues,
): { ok: true; body: JobCreateBody } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const num = (key: string, required: boolean) => {
    const n = optionalNumber(v[key]);
    if (n === null) {
      if (required) errors[key] = 'Required';
      return null;
    }
    if (!Number.isFinite(n)) errors[key] = 'Not a number';
    return n;
  };
  const name = text(v.name);
  if (!name) errors.name = 'Name is required';
  const gpuCount = num('gpuCount', true);
  const expectedHours = num('expectedHours', true);
  const price = num('priceUsdPerGpuHour', true);
  const minMem = num('minGpuMemoryGb', false);
  const tenantId = num('tenantId', false);
  const priority = num('priority', false);
  const preemptible = v.preemptible === true;
  const checkpoint = preemptible ? num('checkpointIntervalMin', false) : null;
  let deadline: string | null = null;
  if (text(v.deadline)) {
    const ms = Date.parse(text(v.deadline));
    if (Number.isNaN(ms)) errors.deadline = 'Not a date';
    else deadline = new Date(ms).toISOString();
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    body: {
      name,
      gpuCount: gpuCount!,
      expectedHours: expectedHours!,
      priceUsdPerGpuHour: price!,
      preemptible,
      multiNode: v.multiNode === true,
      needsFirmPower: v.needsFirmPower !== false,
      ...(text(v.gpuModel) ? { gpuModel: text(v.gpuModel) } : {}),
      ...(minMem !== null ? { minGpuMemoryGb: minMem } : {}),
      ...(tenantId !== null ? { tenantId } : {}),
      ...(priority !== null ? { priority } : {}),
      ...(checkpoint !== null ? { checkpointIntervalMin: checkpoint } : {}),
      ...(deadline ? { deadline } : {}),
    },
  };
}
