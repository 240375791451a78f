import { describe, expect, it } from 'vitest';
import { DEVICE_MODELS, modelKey } from '../../inventory/catalogue';
import { DEFAULT_GPU_RATES } from '../../market/gpu/gpu-rates';

describe('catalogue ↔ GPU rate table', () => {
  const rated = new Set(DEFAULT_GPU_RATES.map((r) => r.gpuModel));
  it.each(DEVICE_MODELS.filter((m) => m.class === 'gpu').map((m) => [modelKey(m), m.gpuModel]))(
    '%s rents as %s, which has a default rate',
    (_key, gpuModel) => expect(rated.has(gpuModel ?? '')).toBe(true),
  );
  it('mining models have no GPU type', () => {
    expect(DEVICE_MODELS.filter((m) => m.class !== 'gpu' && m.gpuModel !== null)).toEqual([]);
  });
});
