import { describe, expect, it } from 'vitest';
import { toJobBody } from './job-form';

const base = { name: ' Train ', gpuCount: '8', expectedHours: '2', priceUsdPerGpuHour: '2.5' };

describe('toJobBody', () => {
  it('maps the minimal form with the defaults of the contract', () => {
    expect(toJobBody(base)).toEqual({
      ok: true,
      body: {
        name: 'Train',
        gpuCount: 8,
        expectedHours: 2,
        priceUsdPerGpuHour: 2.5,
        preemptible: false,
        multiNode: false,
        needsFirmPower: true,
      },
    });
  });
  it('keeps optional fields, checkpoint only when preemptible, deadline as ISO', () => {
    const r = toJobBody({
      ...base,
      gpuModel: 'H100',
      minGpuMemoryGb: '80',
      tenantId: '3',
      priority: '5',
      preemptible: true,
      checkpointIntervalMin: '30',
      multiNode: true,
      needsFirmPower: false,
      deadline: '2030-01-02T03:04:00Z',
    });
    expect(r).toMatchObject({
      ok: true,
      body: {
        gpuModel: 'H100',
        minGpuMemoryGb: 80,
        tenantId: 3,
        priority: 5,
        checkpointIntervalMin: 30,
        multiNode: true,
        needsFirmPower: false,
        deadline: '2030-01-02T03:04:00.000Z',
      },
    });
    expect(toJobBody({ ...base, checkpointIntervalMin: '30' })).not.toHaveProperty(
      'body.checkpointIntervalMin',
    );
  });
  it.each([
    [{ ...base, name: '  ' }, 'name'],
    [{ ...base, gpuCount: '' }, 'gpuCount'],
    [{ ...base, expectedHours: 'two' }, 'expectedHours'],
    [{ ...base, deadline: 'soon' }, 'deadline'],
  ])('names the bad field %#', (values, field) => {
    const r = toJobBody(values);
    expect(r.ok).toBe(false);
    expect(r.ok ? {} : r.errors).toHaveProperty(field);
  });
});
