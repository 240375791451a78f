import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aiEconomicsPerHour,
  aiRevenueUsdPerHour,
  aiValueUsdPerMwh,
  energyCostUsdPerGpuHour,
  gpuPowerShareKw,
} from './ai';

// Reference §1.11 worked comparison at $0.05/kWh. toBeCloseTo(x, n) ⇒ |actual − x| < 10^−n / 2.

/** Facility energy per hour of `gpus` GPUs at PUE 1.3, as the library computes it. */
const facilityKwhPerH = (gpus: number, gpuPowerShareKw: number) =>
  aiEconomicsPerHour({ gpus, usdPerGpuH: 2, utilisation: 0.7, gpuPowerShareKw, pue: 1.3, priceUsdPerMwh: 50 })
    .energyKwhPerH;

describe('AI value per MWh (reference §1.11)', () => {
  it.each([
    ['H100 SXM (DGX max ÷ 8)', 1.275, 2.0, 845],
    ['RTX 4090 (assumed node share)', 0.6, 0.35, 314],
  ])('%s, %f kW/GPU, PUE 1.3, $%f/GPU-h, 70 pct utilisation → ≈ $%i/MWh', (_name, kw, usdPerGpuH, value) => {
    expect(aiValueUsdPerMwh({ usdPerGpuH, utilisation: 0.7, gpuPowerShareKw: kw, pue: 1.3 })).toBeCloseTo(
      value,
      0,
    );
  });

  it('derives the H100 share from the DGX H100 10.2 kW maximum', () => {
    expect(gpuPowerShareKw({ nodePowerW: 10_200, gpusPerNode: 8 })).toBe(1.275);
  });

  it.each([
    ['H100', 1.275, 603],
    ['RTX 4090', 0.6, 1282],
  ])('%s at %f kW and PUE 1.3: 1 MW holds %i GPUs, one more exceeds it', (_name, kw, gpus) => {
    expect(facilityKwhPerH(gpus, kw)).toBeLessThanOrEqual(1000);
    expect(facilityKwhPerH(gpus + 1, kw)).toBeGreaterThan(1000);
  });

  it('1 MW of H100s (603 GPUs): $844/h, energy ≈ 6% of revenue', () => {
    const hall = aiEconomicsPerHour({
      gpus: 603,
      usdPerGpuH: 2,
      utilisation: 0.7,
      gpuPowerShareKw: 1.275,
      pue: 1.3,
      priceUsdPerMwh: 50,
    });
    expect(hall.revenueUsdPerH).toBeCloseTo(844, 0);
    expect(hall.energyKwhPerH).toBeCloseTo(1000, -1);
    expect(hall.energyCostUsdPerH).toBeCloseTo(50, 0);
    expect(hall.energyCostUsdPerH / hall.revenueUsdPerH).toBeCloseTo(0.06, 2);
    expect(hall.marginUsdPerH).toBeCloseTo(hall.revenueUsdPerH - hall.energyCostUsdPerH, 12);
  });
});

describe('aiRevenueUsdPerHour and energy', () => {
  it.each([
    // gpus, $/GPU-h, utilisation, platform take %, $/h
    [8, 2, 0.7, 0, 11.2],
    [8, 2, 0.7, 25, 8.4],
    [8, 2, 0, 0, 0],
    [0, 2, 1, 0, 0],
  ])(
    '%i GPUs at $%f, util %f, take %f pct → $%f/h',
    (gpus, usdPerGpuH, utilisation, platformTakePct, usd) => {
      expect(aiRevenueUsdPerHour({ gpus, usdPerGpuH, utilisation, platformTakePct })).toBeCloseTo(usd, 12);
    },
  );

  it.each([
    [1.275, 1.3, 50, 0.082875],
    [0.6, 1, 100, 0.06],
    [0.6, 1, -20, -0.012],
  ])('%f kW at PUE %f and $%f/MWh costs $%f per GPU-hour', (gpuPowerShareKw, pue, priceUsdPerMwh, usd) => {
    expect(energyCostUsdPerGpuHour({ gpuPowerShareKw, pue, priceUsdPerMwh })).toBeCloseTo(usd, 12);
  });

  it('at zero utilisation loses exactly the energy cost', () => {
    const idle = aiEconomicsPerHour({
      gpus: 8,
      usdPerGpuH: 2,
      utilisation: 0,
      gpuPowerShareKw: 1.275,
      pue: 1,
      priceUsdPerMwh: 60,
    });
    expect(idle.revenueUsdPerH).toBe(0);
    expect(idle.marginUsdPerH).toBeCloseTo(-8 * 1.275 * 0.06, 12);
    expect(idle.valueUsdPerMwh).toBe(0);
  });

  it('reports no value per MWh for GPUs that draw no power', () => {
    const free = aiEconomicsPerHour({
      gpus: 1,
      usdPerGpuH: 1,
      utilisation: 1,
      gpuPowerShareKw: 0,
      pue: 1,
      priceUsdPerMwh: 50,
    });
    expect(free.valueUsdPerMwh).toBeNull();
  });

  it.each([[{ utilisation: 1.2 }], [{ platformTakePct: -1 }], [{ gpus: -1 }], [{ usdPerGpuH: Number.NaN }]])(
    'rejects %o',
    (override) => {
      expect(() => aiRevenueUsdPerHour({ gpus: 1, usdPerGpuH: 1, utilisation: 1, ...override })).toThrow(
        RangeError,
      );
    },
  );

  it.each([[0], [1.5], [-8]])('rejects gpusPerNode %f', (gpusPerNode) => {
    expect(() => gpuPowerShareKw({ nodePowerW: 1000, gpusPerNode })).toThrow(RangeError);
  });

  it('margin is zero when the power price equals v_gpu', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        fc.double({ min: 1, max: 2, noNaN: true }),
        (usdPerGpuH, utilisation, gpuPowerShareKw, pue) => {
          const value = aiValueUsdPerMwh({ usdPerGpuH, utilisation, gpuPowerShareKw, pue });
          const hour = aiEconomicsPerHour({
            gpus: 64,
            usdPerGpuH,
            utilisation,
            gpuPowerShareKw,
            pue,
            priceUsdPerMwh: value,
          });
          expect(Math.abs(hour.marginUsdPerH)).toBeLessThan(1e-9 * hour.revenueUsdPerH);
        },
      ),
    );
  });
});
