import { z } from 'zod';
import { readCsvRows } from '../csv-rows';

/**
 * GPU rental rates ($/GPU-h, renter price) per GPU model: a table the operator edits in the UI or imports
 * as CSV. Defaults are the planning ranges of economics.md §3 (marketplace / neocloud on-demand, 2026).
 */
export const GpuRateRowSchema = z
  .object({
    gpuModel: z.string().trim().min(1).max(64),
    label: z.string().trim().min(1).max(80).optional(),
    usdPerGpuH: z.number().finite().gt(0).max(1000),
    minUsdPerGpuH: z.number().finite().gt(0).max(1000).optional(),
    maxUsdPerGpuH: z.number().finite().gt(0).max(1000).optional(),
    note: z.string().max(300).optional(),
  })
  .refine((r) => r.minUsdPerGpuH === undefined || r.minUsdPerGpuH <= r.usdPerGpuH, {
    message: 'minimum is above the rate',
  })
  .refine((r) => r.maxUsdPerGpuH === undefined || r.maxUsdPerGpuH >= r.usdPerGpuH, {
    message: 'maximum is below the rate',
  });

export const GpuRateTableSchema = z
  .array(GpuRateRowSchema)
  .refine((rows) => new Set(rows.map((r) => r.gpuModel.toLowerCase())).size === rows.length, {
    message: 'each GPU model may appear only once',
  });

/** `PUT /api/v1/market/gpu-rates`. */
export const GpuRateTableBody = z.strictObject({ rows: GpuRateTableSchema });

export type GpuRateRow = z.infer<typeof GpuRateRowSchema>;

const mid = (min: number, max: number) => Math.round(((min + max) / 2) * 100) / 100;
const row = (gpuModel: string, label: string, min: number, max: number, note: string): GpuRateRow => ({
  gpuModel,
  label,
  usdPerGpuH: mid(min, max),
  minUsdPerGpuH: min,
  maxUsdPerGpuH: max,
  note,
});

export const DEFAULT_GPU_RATES: readonly GpuRateRow[] = [
  row('h100-sxm', 'NVIDIA H100 SXM 80GB', 1.8, 2.8, 'economics.md §3 planning default'),
  // Only "from $3.50" (vast.ai) and a $5.58 serverless rate were found; serverless runs 1.5–2× on-demand.
  row('h200', 'NVIDIA H200 141GB', 2.8, 4.5, 'derived: vast.ai from 3.50, serverless 5.58 ÷ 1.5–2'),
  row('a100-80gb', 'NVIDIA A100 80GB', 0.8, 1.5, 'economics.md §3 planning default'),
  // Only serverless rates (RunPod 1.91, Modal 1.95) were found; on-demand estimated at ÷ 1.5–2.
  row('l40s', 'NVIDIA L40S 48GB', 0.95, 1.3, 'derived: serverless 1.91–1.95 ÷ 1.5–2'),
  row('rtx-4090', 'NVIDIA GeForce RTX 4090', 0.3, 0.7, 'economics.md §3 planning default'),
];

export type GpuRateCsvIssue = { line: number; message: string };
export type GpuRateCsvResult = { ok: true; rows: GpuRateRow[] } | { ok: false; issues: GpuRateCsvIssue[] };

const COLUMN_ALIASES: Record<string, keyof GpuRateRow> = {
  gpu_model: 'gpuModel',
  gpumodel: 'gpuModel',
  model: 'gpuModel',
  gpu: 'gpuModel',
  label: 'label',
  usd_per_gpu_h: 'usdPerGpuH',
  usdpergpuh: 'usdPerGpuH',
  rate: 'usdPerGpuH',
  price: 'usdPerGpuH',
  min_usd_per_gpu_h: 'minUsdPerGpuH',
  min: 'minUsdPerGpuH',
  max_usd_per_gpu_h: 'maxUsdPerGpuH',
  max: 'maxUsdPerGpuH',
  note: 'note',
};
const NUMERIC: ReadonlySet<keyof GpuRateRow> = new Set(['usdPerGpuH', 'minUsdPerGpuH', 'maxUsdPerGpuH']);

/** `gpu_model,usd_per_gpu_h[,min_usd_per_gpu_h,max_usd_per_gpu_h,label,note]`; all-or-nothing with a per-row report. */
export function parseGpuRateCsv(text: string): GpuRateCsvResult {
  const read = readCsvRows(text);
  if (!read.ok) return { ok: false, issues: [{ line: 0, message: read.message }] };
  const [head, ...body] = read.rows;
  if (!head || body.length === 0) return { ok: false, issues: [{ line: 0, message: 'no data rows' }] };
  const keys = head.cells.map(
    (h) =>
      COLUMN_ALIASES[
        h
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, '_')
      ],
  );
  if (!keys.includes('gpuModel') || !keys.includes('usdPerGpuH')) {
    return {
      ok: false,
      issues: [{ line: head.line, message: 'header needs gpu_model and usd_per_gpu_h columns' }],
    };
  }
  const issues: GpuRateCsvIssue[] = [];
  const rows: GpuRateRow[] = [];
  const seen = new Map<string, number>();
  for (const { cells: record, line } of body) {
    const candidate: Record<string, string | number> = {};
    let bad = false;
    keys.forEach((key, i) => {
      const cell = record[i] ?? '';
      if (!key || cell === '') return;
      if (!NUMERIC.has(key)) candidate[key] = cell;
      else if (/^\d+(\.\d+)?$/.test(cell)) candidate[key] = Number(cell);
      else {
        issues.push({ line: line, message: `${key} "${cell}" is not a number` });
        bad = true;
      }
    });
    if (bad) continue;
    const parsed = GpuRateRowSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({ line: line, message: `${issue.path.join('.') || 'row'}: ${issue.message}` });
      }
      continue;
    }
    const key = parsed.data.gpuModel.toLowerCase();
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      issues.push({
        line: line,
        message: `${parsed.data.gpuModel} already given on line ${firstLine}`,
      });
      continue;
    }
    seen.set(key, line);
    rows.push(parsed.data);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rows };
}

/** The table as market points stamped `nowMs` (the table is the provider for manually entered rates). */
export function gpuRatePoints(table: readonly GpuRateRow[], nowMs: number, provider = 'gpu-table') {
  return table.map((r) => ({ gpuModel: r.gpuModel, usdPerGpuH: r.usdPerGpuH, ts: nowMs, provider }));
}
