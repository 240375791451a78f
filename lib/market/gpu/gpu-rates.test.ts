import { describe, expect, it } from 'vitest';
import { DEFAULT_GPU_RATES, GpuRateTableSchema, gpuRatePoints, parseGpuRateCsv } from './gpu-rates';

describe('DEFAULT_GPU_RATES', () => {
  it('covers the five planning models with midpoint rates inside their ranges', () => {
    expect(DEFAULT_GPU_RATES.map((r) => r.gpuModel)).toEqual([
      'h100-sxm',
      'h200',
      'a100-80gb',
      'l40s',
      'rtx-4090',
    ]);
    expect(GpuRateTableSchema.safeParse(DEFAULT_GPU_RATES).success).toBe(true);
    const h100 = DEFAULT_GPU_RATES[0]!;
    expect([h100.minUsdPerGpuH, h100.usdPerGpuH, h100.maxUsdPerGpuH]).toEqual([1.8, 2.3, 2.8]);
  });

  it('becomes market points', () => {
    expect(gpuRatePoints(DEFAULT_GPU_RATES.slice(0, 1), 123)).toEqual([
      { gpuModel: 'h100-sxm', usdPerGpuH: 2.3, ts: 123, provider: 'gpu-table' },
    ]);
  });

  it('rejects duplicate models in an edited table', () => {
    const r = GpuRateTableSchema.safeParse([...DEFAULT_GPU_RATES, { gpuModel: 'H100-SXM', usdPerGpuH: 2 }]);
    expect(r.success).toBe(false);
  });
});

describe('parseGpuRateCsv', () => {
  it('imports a table with optional columns', () => {
    const csv =
      'gpu_model,usd_per_gpu_h,min_usd_per_gpu_h,max_usd_per_gpu_h,label\nh100-sxm,2.10,1.8,2.8,H100\nrtx-4090,0.45,,,\n';
    const r = parseGpuRateCsv(csv);
    expect(r).toEqual({
      ok: true,
      rows: [
        { gpuModel: 'h100-sxm', usdPerGpuH: 2.1, minUsdPerGpuH: 1.8, maxUsdPerGpuH: 2.8, label: 'H100' },
        { gpuModel: 'rtx-4090', usdPerGpuH: 0.45 },
      ],
    });
  });

  it('reports every bad row and accepts nothing', () => {
    const csv = [
      'model,rate,min,max',
      'h100-sxm,2.1,1.8,2.8', // 2 ok
      'a100-80gb,cheap,,', // 3 not a number
      'l40s,0,,', // 4 zero
      'H100-SXM,2.2,,', // 5 duplicate
      'h200,3.5,3.8,', // 6 min above rate
      ',1.0,,', // 7 no model
    ].join('\n');
    const r = parseGpuRateCsv(csv);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.line)).toEqual([3, 4, 5, 6, 7]);
    expect(r.issues[0]!.message).toBe('usdPerGpuH "cheap" is not a number');
    expect(r.issues[2]!.message).toBe('H100-SXM already given on line 2');
    expect(r.issues[3]!.message).toMatch(/minimum is above the rate/);
  });

  it.each([
    ['missing rate column', 'gpu_model,label\nh100,x\n'],
    ['header only', 'gpu_model,usd_per_gpu_h\n'],
  ])('rejects a file with %s', (_n, csv) => {
    const r = parseGpuRateCsv(csv);
    expect(!r.ok && r.issues).toHaveLength(1);
  });
});
