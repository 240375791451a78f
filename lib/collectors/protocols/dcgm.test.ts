import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDcgmMetrics } from './dcgm';
import { fixture } from './fixtures';

const NOW = Date.UTC(2026, 10, 21, 10, 0, 0);

describe('dcgm-exporter /metrics → GPU server reading', () => {
  it('2× RTX 3090 (E4.1): util mean, power sum, hottest GPU, framebuffer in GB, energy, XID', () => {
    const r = parseDcgmMetrics(fixture('dcgm/rtx3090x2.prom'), NOW);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.reading).toEqual({
      ts: NOW,
      gpuUtilPct: 100,
      powerW: 589.247,
      gpuTempC: 67,
      gpuMemUsedGb: 10.006,
      status: 'error',
    });
    expect(r.value.gpus.map((g) => g.lastXid)).toEqual([0, 79]);
    expect(r.value.energyJ).toBeCloseTo(24817734.521 + 25992210.044, 3);
    expect(r.value.gpus[0]).toMatchObject({ gpu: '0', modelName: 'NVIDIA GeForce RTX 3090' });
    // MEMORY_TEMP has HELP/TYPE and no samples (D4): absent, not zero.
    expect(r.value.gpus[0]!.memTempC).toBeUndefined();
  });

  it('old exporter with empty k8s labels (E4.2, D6)', () => {
    const r = parseDcgmMetrics(fixture('dcgm/k80-k8s-labels.prom'), NOW);
    expect(r.ok && r.value.gpus).toHaveLength(2);
    expect(r.ok && r.value.reading.gpuUtilPct).toBe(0);
  });

  it('README sample: sentinel 9223372036854775794 is missing, spaces after commas (E4.3, D3, D7)', () => {
    const r = parseDcgmMetrics(fixture('dcgm/readme-sentinel.prom'), NOW);
    expect(r.ok ? null : r.error.kind).toBe('no_data');
    const withTemp = parseDcgmMetrics(
      `${fixture('dcgm/readme-sentinel.prom')}DCGM_FI_DEV_GPU_TEMP{gpu="0", UUID="GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52"} 41\n`,
      NOW,
    );
    expect(withTemp.ok && withTemp.value.gpus[0]!.tempC).toBe(41);
    expect(withTemp.ok && withTemp.value.gpus[0]!.memTempC).toBeUndefined();
  });

  it('MIG instances add their framebuffer; old namespace names and uuid label (E4.4, D2, D5)', () => {
    const r = parseDcgmMetrics(fixture('dcgm/mig-h100.prom'), NOW);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.gpus).toHaveLength(1);
    expect(r.value.gpus[0]).toMatchObject({ fbUsedMib: 4211 + 30544, tempC: 41 });
  });

  it('a line with an unescaped quote from the exporter template is skipped and reported (D8)', () => {
    const text =
      'DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="a",modelName="Bad "GPU""} 50\nDCGM_FI_DEV_GPU_TEMP{gpu="1",UUID="b"} 60\n';
    const r = parseDcgmMetrics(text, NOW);
    expect(r.ok && r.value.reading.gpuTempC).toBe(60);
    expect(r.ok && r.flags).toContain('bad_lines');
  });

  it.each([
    ['', 'empty'],
    ['<html></html>', 'html'],
    ['node_load1 0.5\n', 'no_data'],
  ])('%j → %s', (text, kind) => {
    const r = parseDcgmMetrics(text, NOW);
    expect(r.ok ? null : r.error.kind).toBe(kind);
  });

  it('never throws', () => {
    const text = fixture('dcgm/rtx3090x2.prom');
    for (let cut = 0; cut <= text.length; cut += 7) parseDcgmMetrics(text.slice(0, cut), NOW);
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(typeof parseDcgmMetrics(`DCGM_FI_DEV_GPU_UTIL{gpu="0"} ${s}\n${s}`, NOW).ok).toBe('boolean');
      }),
    );
  });
});
