import { describe, expect, it } from 'vitest';
import { checkPlacement, deviceMisfit, findPlacement, type GpuCandidate, type JobNeeds } from './fit';

const job: JobNeeds = {
  gpuCount: 8,
  gpuModel: null,
  minGpuMemoryGb: null,
  multiNode: false,
  needsFirmPower: true,
};
const server = (over: Partial<GpuCandidate> = {}): GpuCandidate => ({
  id: 1,
  name: 'g1',
  class: 'gpu',
  status: 'online',
  siteId: 1,
  siteFirmPower: true,
  gpuCount: 8,
  gpuMemoryGb: 80,
  gpuModel: 'h100-sxm',
  busyJobId: null,
  ...over,
});

describe('deviceMisfit', () => {
  it.each([
    ['fits', job, server(), null],
    ['an ASIC', job, server({ class: 'asic' }), /not a GPU server/],
    ['offline', job, server({ status: 'offline' }), /offline/],
    ['in maintenance', job, server({ status: 'maintenance' }), /maintenance/],
    ['degraded but up', job, server({ status: 'degraded' }), null],
    ['busy with another job', job, server({ busyJobId: 7 }), /busy with job 7/],
    ['wrong GPU model', { ...job, gpuModel: 'H200' }, server(), /not H200/],
    ['model match ignores case', { ...job, gpuModel: 'H100-SXM' }, server(), null],
    ['too little memory', { ...job, minGpuMemoryGb: 141 }, server(), /below 141 GB/],
    ['no firm power', job, server({ siteFirmPower: false }), /firm power/],
    [
      'no firm power, job does not care',
      { ...job, needsFirmPower: false },
      server({ siteFirmPower: false }),
      null,
    ],
  ] as [string, JobNeeds, GpuCandidate, RegExp | null][])('%s', (_, needs, device, expected) => {
    const reason = deviceMisfit(needs, device);
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toMatch(expected);
  });

  it('a device holding this very job is not busy for it', () => {
    expect(deviceMisfit(job, server({ busyJobId: 3 }), 3)).toBeNull();
  });
});

describe('checkPlacement', () => {
  it.each([
    ['one server with enough GPUs', job, [server()], { ok: true, gpus: [[1, 8]] }],
    ['uses only the GPUs needed', { ...job, gpuCount: 4 }, [server()], { ok: true, gpus: [[1, 4]] }],
    [
      'too few GPUs',
      { ...job, gpuCount: 16 },
      [server()],
      { ok: false, message: /needs 16 GPUs; these devices have 8/ },
    ],
    [
      'two servers, single-node job',
      { ...job, gpuCount: 16 },
      [server(), server({ id: 2 })],
      { ok: false, message: /multi-node/ },
    ],
    [
      'two servers, multi-node job',
      { ...job, gpuCount: 12, multiNode: true },
      [server(), server({ id: 2 })],
      {
        ok: true,
        gpus: [
          [1, 8],
          [2, 4],
        ],
      },
    ],
    [
      'two sites',
      { ...job, gpuCount: 16, multiNode: true },
      [server(), server({ id: 2, siteId: 2 })],
      { ok: false, message: /one site/ },
    ],
    [
      'a spare server',
      { ...job, gpuCount: 8, multiNode: true },
      [server(), server({ id: 2 })],
      { ok: false, message: /fewer devices/ },
    ],
    [
      'a misfit among them',
      { ...job, gpuCount: 16, multiNode: true },
      [server(), server({ id: 2, status: 'offline' })],
      { ok: false, message: /cannot run/ },
    ],
    ['nothing', job, [], { ok: false, message: /No devices/ }],
  ] as [string, JobNeeds, GpuCandidate[], { ok: boolean; gpus?: [number, number][]; message?: RegExp }][])(
    '%s',
    (_, needs, devices, expected) => {
      const result = checkPlacement(needs, devices);
      expect(result.ok).toBe(expected.ok);
      if (result.ok) expect([...result.gpus.entries()]).toEqual(expected.gpus);
      else expect(result.message).toMatch(expected.message!);
    },
  );

  it('names each misfit device with its reason', () => {
    const result = checkPlacement(job, [server({ id: 5, status: 'maintenance' })]);
    expect(result).toMatchObject({
      ok: false,
      devices: [{ deviceId: 5, reason: 'device is in maintenance' }],
    });
  });
});

describe('findPlacement', () => {
  const fleet = [
    server({ id: 1, gpuCount: 8 }),
    server({ id: 2, gpuCount: 4 }),
    server({ id: 3, gpuCount: 8, siteId: 2 }),
    server({ id: 4, gpuCount: 8, siteId: 2 }),
    server({ id: 5, gpuCount: 8, busyJobId: 9 }),
    server({ id: 6, class: 'asic', gpuCount: null }),
  ];
  it.each([
    ['best fit: the smallest server that is enough', { ...job, gpuCount: 4 }, [2]],
    ['a full server', { ...job, gpuCount: 8 }, [1]],
    ['multi-node: fewest servers at one site', { ...job, gpuCount: 16, multiNode: true }, [3, 4]],
  ] as [string, JobNeeds, number[]][])('%s', (_, needs, deviceIds) => {
    expect(findPlacement(needs, fleet)).toEqual({ ok: true, deviceIds });
  });

  it.each([
    ['single-node job larger than any server', { ...job, gpuCount: 16 }, /on any one server: needs 16/],
    ['more GPUs than any site has', { ...job, gpuCount: 32, multiNode: true }, /at any one site: needs 32/],
    ['no firm power anywhere', job, /firm power/],
  ] as [string, JobNeeds, RegExp][])('%s stays queued with the reason', (_, needs, reason) => {
    const candidates = needs.gpuCount === 8 ? fleet.map((d) => ({ ...d, siteFirmPower: false })) : fleet;
    const result = findPlacement(needs, candidates);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
