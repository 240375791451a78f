import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEVICE_MODELS, derivedProfiles, findDeviceModel, hashrateAtPowerThs, modelKey } from './catalogue';

/** J/TH from shared/reference/economics.md §2 (nameplate at the wall). */
const REFERENCE_J_PER_TH: [string, number][] = [
  ['Bitmain Antminer S19j Pro', 29.5],
  ['Bitmain Antminer S19 XP', 21.5],
  ['Bitmain Antminer S21', 17.5],
  ['Bitmain Antminer S21 Pro', 15.0],
  ['Bitmain Antminer S21 XP', 13.5],
  ['MicroBT Whatsminer M50S', 26],
  ['MicroBT Whatsminer M60S', 18.5],
  ['Canaan Avalon A1466', 21.5],
  ['Canaan Avalon A16', 13.8],
  ['Canaan Avalon A16 XP', 12.8],
];

const REQUIRED = [
  'Bitmain Antminer S19j Pro',
  'Bitmain Antminer S19 XP',
  'Bitmain Antminer S21',
  'Bitmain Antminer S21 Pro',
  'Bitmain Antminer S21 XP',
  'MicroBT Whatsminer M50S',
  'MicroBT Whatsminer M60S',
  'Canaan Avalon A1466',
  'Bitaxe Bitaxe Ultra',
  'Bitaxe Bitaxe Supra',
  'Bitaxe Bitaxe Gamma',
  'NerdAxe NerdQAxe++',
  'BitMaker NerdMiner v2',
  'NVIDIA DGX H100',
  'NVIDIA DGX H200',
  'NVIDIA DGX A100 80GB',
  'NVIDIA L40S 8-GPU server',
  'NVIDIA RTX 4090 2-GPU rig',
];

describe('DEVICE_MODELS', () => {
  it.each(REQUIRED)('contains %s', (key) => {
    expect(findDeviceModel(key)).toBeDefined();
  });

  it('has unique vendor + model pairs', () => {
    const keys = DEVICE_MODELS.map(modelKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(DEVICE_MODELS.map((m) => [modelKey(m), m] as const))('%s is internally valid', (_key, m) => {
    expect(m.vendor.trim()).not.toBe('');
    expect(m.model.trim()).not.toBe('');
    expect(m.nominalPowerW).toBeGreaterThan(0);
    expect(m.source.length).toBeGreaterThan(20);
    if (m.class === 'gpu') {
      expect(m.nominalHashrateThs).toBeNull();
      expect(m.powerProfiles).toBeNull();
      expect(m.gpuCount).toBeGreaterThanOrEqual(1);
      expect(m.gpuMemoryGb).toBeGreaterThan(0);
      expect(m.maxTempC).toBeGreaterThanOrEqual(80);
      expect(m.maxTempC).toBeLessThanOrEqual(95);
      // Node power per GPU: at least the GPU's own TDP share, at most a generous server envelope.
      const perGpuW = m.nominalPowerW / m.gpuCount!;
      expect(perGpuW).toBeGreaterThan(300);
      expect(perGpuW).toBeLessThan(1500);
      return;
    }
    expect(m.gpuCount).toBeNull();
    expect(m.gpuMemoryGb).toBeNull();
    expect(m.nominalHashrateThs).toBeGreaterThan(0);
    const jPerTh = m.nominalPowerW / m.nominalHashrateThs!;
    if (m.class === 'asic') {
      expect(jPerTh).toBeGreaterThan(10);
      expect(jPerTh).toBeLessThan(35);
      expect(m.maxTempC).toBeGreaterThanOrEqual(85);
      expect(m.maxTempC).toBeLessThanOrEqual(95);
    } else if (m.nominalHashrateThs! >= 0.1) {
      expect(jPerTh).toBeGreaterThan(10);
      expect(jPerTh).toBeLessThan(40);
      expect(m.maxTempC).toBe(70);
    } else {
      // Software SHA-256 on a microcontroller: ~1e7 J/TH (economics.md §2).
      expect(jPerTh).toBeGreaterThan(1e6);
      expect(jPerTh).toBeLessThan(1e8);
    }
  });

  it.each(DEVICE_MODELS.filter((m) => m.powerProfiles).map((m) => [modelKey(m), m] as const))(
    '%s has monotone power profiles that include the nameplate',
    (_key, m) => {
      const profiles = m.powerProfiles!;
      expect(profiles.length).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < profiles.length; i++) {
        expect(profiles[i]!.powerW).toBeGreaterThan(profiles[i - 1]!.powerW);
        expect(profiles[i]!.hashrateThs).toBeGreaterThan(profiles[i - 1]!.hashrateThs);
      }
      const nameplate = profiles.find((p) => p.powerW === m.nominalPowerW);
      expect(nameplate?.hashrateThs).toBe(m.nominalHashrateThs);
      expect(nameplate?.estimated).toBe(m.specsEstimated);
      for (const p of profiles) {
        const jPerTh = p.powerW / p.hashrateThs;
        const nominal = m.nominalPowerW / m.nominalHashrateThs!;
        expect(jPerTh / nominal).toBeGreaterThan(0.7);
        expect(jPerTh / nominal).toBeLessThan(1.15);
      }
    },
  );

  it.each(REFERENCE_J_PER_TH)('%s matches the reference efficiency %d J/TH within 3 %', (key, jPerTh) => {
    const m = findDeviceModel(key)!;
    expect(Math.abs(m.nominalPowerW / m.nominalHashrateThs! / jPerTh - 1)).toBeLessThan(0.03);
  });

  it('uses the verified S19j Pro bins as non-estimated profiles', () => {
    const bins = findDeviceModel('Bitmain Antminer S19j Pro')!.powerProfiles!.filter((p) => !p.estimated);
    expect(bins.map((p) => [p.powerW, p.hashrateThs])).toEqual([
      [2832, 96],
      [3050, 100],
      [3068, 104],
    ]);
  });

  it('marks UNVERIFIED nameplates as estimated', () => {
    for (const key of ['MicroBT Whatsminer M50S', 'MicroBT Whatsminer M60S', 'NerdAxe NerdQAxe++']) {
      const m = findDeviceModel(key)!;
      expect(m.specsEstimated).toBe(true);
      expect(m.source).toMatch(/UNVERIFIED|estimated/);
    }
  });
});

describe('derivedProfiles', () => {
  it('improves efficiency when underclocked and worsens it when overclocked', () => {
    const [low, nominal, high] = derivedProfiles(3500, 200, [0.7, 1, 1.1], false);
    expect(low!.powerW / low!.hashrateThs).toBeLessThan(nominal!.powerW / nominal!.hashrateThs);
    expect(high!.powerW / high!.hashrateThs).toBeGreaterThan(nominal!.powerW / nominal!.hashrateThs);
    expect([low!.estimated, nominal!.estimated, high!.estimated]).toEqual([true, false, true]);
  });
});

describe('hashrateAtPowerThs', () => {
  const spec = findDeviceModel('Bitmain Antminer S21')!;

  it.each([
    [3500, 200],
    [0, spec.powerProfiles![0]!.hashrateThs],
    [1e9, spec.powerProfiles!.at(-1)!.hashrateThs],
  ])('at %d W gives %d TH/s', (powerW, expected) => {
    expect(hashrateAtPowerThs(spec, powerW)).toBeCloseTo(expected, 6);
  });

  it('returns null without profiles', () => {
    expect(hashrateAtPowerThs({ powerProfiles: null }, 100)).toBeNull();
  });

  it('is monotone in the power target', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 6000, noNaN: true }),
        fc.double({ min: 0, max: 6000, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(hashrateAtPowerThs(spec, lo)!).toBeLessThanOrEqual(hashrateAtPowerThs(spec, hi)! + 1e-9);
        },
      ),
    );
  });
});
