import { describe, expect, it } from 'vitest';
import { ambientTempC, type SimSite, siteInletTempC } from './ambient';
import { buildDemoFleet } from './demo-fleet';

const fleet = buildDemoFleet(42);
const site = (key: string): SimSite => {
  const s = fleet.sites.find((x) => x.key === key)!;
  return { key, timezone: s.timezone, climate: fleet.climates[key]! };
};
const HOUR_MS = 3_600_000;

function meanOver(days: number[], hourUtc: number, fn: (ts: number) => number) {
  const values = days.map((d) => fn(Date.UTC(2026, 0, 1) + d * 24 * HOUR_MS + hourUtc * HOUR_MS));
  return values.reduce((a, b) => a + b, 0) / values.length;
}

describe('ambient temperature', () => {
  const july = Array.from({ length: 31 }, (_, i) => 181 + i);
  const january = Array.from({ length: 31 }, (_, i) => i);

  it.each(['permian', 'trollhattan', 'garage'])('%s is warmer in July than January', (key) => {
    const s = site(key);
    const jul = meanOver(july, 12, (ts) => ambientTempC(s, ts, 42));
    const jan = meanOver(january, 12, (ts) => ambientTempC(s, ts, 42));
    expect(jul - jan).toBeGreaterThan(10);
  });

  it('peaks in the local afternoon (Permian: 15:00 CDT = 20:00 UTC vs 05:00 CDT = 10:00 UTC)', () => {
    const s = site('permian');
    const afternoon = meanOver(july, 20, (ts) => ambientTempC(s, ts, 42));
    const dawn = meanOver(july, 10, (ts) => ambientTempC(s, ts, 42));
    expect(afternoon - dawn).toBeGreaterThan(12);
    expect(afternoon).toBeGreaterThan(30);
    expect(afternoon).toBeLessThan(42);
  });

  it('keeps container inlets above the winter floor and the GPU hall near its set-point', () => {
    const s = site('trollhattan');
    for (const day of [...january, ...july]) {
      const ts = Date.UTC(2026, 0, 1) + day * 24 * HOUR_MS + 4 * HOUR_MS;
      expect(siteInletTempC(s, ts, 42, false)).toBeGreaterThanOrEqual(s.climate.inletFloorC);
      expect(Math.abs(siteInletTempC(s, ts, 42, true) - 24)).toBeLessThan(2.5);
    }
  });
});
