import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_VALUE,
  formatAge,
  formatBtc,
  formatDate,
  formatDateTime,
  formatDuration,
  formatEfficiency,
  formatEnergy,
  formatHashrate,
  formatNumber,
  formatPercent,
  formatPower,
  formatSi,
  formatTemperature,
  formatTime,
  formatUsd,
  formatUsdPerGpuHour,
  formatUsdPerMwh,
  formatUsdPerPhDay,
} from './format';

// Formatters put a non-breaking space between number and unit; tables below are written with plain spaces.
const nb = (text: string) => text.replace(/ /g, '\u00a0');

describe('formatHashrate (input TH/s)', () => {
  it.each([
    [0, '0 TH/s'],
    [1.2, '1.20 TH/s'],
    [12.34, '12.3 TH/s'],
    [234.5, '235 TH/s'],
    [999.4, '999 TH/s'],
    [999.7, '1.00 PH/s'],
    [1234, '1.23 PH/s'],
    [650_000, '650 PH/s'],
    [6.5e8, '650 EH/s'],
    [0.5, '500 GH/s'],
    [0.0012, '1.20 GH/s'],
    [0.0000035, '3.50 MH/s'],
    [2e-9, '2.00 kH/s'],
    [9.996, '10.0 TH/s'],
    [99.96, '100 TH/s'],
    [-5, '-5.00 TH/s'],
    [1.2e9, '1,200 EH/s'],
  ])('%s TH/s → %s', (ths, expected) => {
    expect(formatHashrate(ths)).toBe(nb(expected));
  });

  it('honours fixed decimals', () => {
    expect(formatHashrate(1234, { decimals: 1 })).toBe(nb('1.2 PH/s'));
  });

  // Up to 900 EH/s; beyond the top unit the number simply grows ("1,200 EH/s").
  it('keeps the scaled magnitude below 1000 below the top unit', () => {
    fc.assert(
      fc.property(fc.double({ min: -9e8, max: 9e8, noNaN: true }), (ths) => {
        const magnitude = Math.abs(Number.parseFloat(formatHashrate(ths).replace(/,/g, '')));
        expect(magnitude).toBeLessThan(1000);
      }),
    );
  });
});

describe.each([
  ['formatPower', formatPower, 850, '850 W'],
  ['formatPower', formatPower, 3250, '3.25 kW'],
  ['formatPower', formatPower, 12_400_000, '12.4 MW'],
  ['formatPower', formatPower, 0, '0 W'],
  ['formatEnergy', formatEnergy, 0.4, '400 Wh'],
  ['formatEnergy', formatEnergy, 78, '78.0 kWh'],
  ['formatEnergy', formatEnergy, 1530, '1.53 MWh'],
  ['formatEnergy', formatEnergy, 2_000_000, '2.00 GWh'],
  ['formatSi', formatSi, 108.52e12, '109 T'],
  ['formatSi', formatSi, 950, '950'],
])('%s', (_name, format, input, expected) => {
  it(`${input} → ${expected}`, () => {
    expect(format(input)).toBe(nb(expected));
  });
});

describe('money', () => {
  it.each([
    [formatUsd(1234.567), '$1,234.57'],
    [formatUsd(-42), '-$42.00'],
    [formatUsd(-0.001), '$0.00'],
    [formatUsd(1_234_567, { compact: true }), '$1.2M'],
    [formatUsd(950, { compact: true }), '$950'],
    [formatUsd(12.5, { decimals: 0 }), '$13'],
    [formatUsdPerMwh(45.2), '$45.20/MWh'],
    [formatUsdPerGpuHour(2.1), '$2.10/GPU-h'],
    [formatUsdPerGpuHour(0.085), '$0.085/GPU-h'],
    [formatUsdPerPhDay(55.748), '$55.75/PH/day'],
    [formatBtc(0.00012345), '0.00012345 BTC'],
    [formatBtc(3.125, 4), '3.1250 BTC'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(nb(expected));
  });
});

describe('plain units', () => {
  it.each([
    [formatTemperature(71.6), '72 °C'],
    [formatTemperature(71.64, 1), '71.6 °C'],
    [formatPercent(97.54), '97.5%'],
    [formatPercent(100, 0), '100%'],
    [formatEfficiency(17.53), '17.5 J/TH'],
    [formatNumber(10_000), '10,000'],
    [formatNumber(1.23456, 2), '1.23'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(nb(expected));
  });
});

describe('missing values', () => {
  it.each([
    ['hashrate', () => formatHashrate(null)],
    ['power', () => formatPower(undefined)],
    ['energy', () => formatEnergy(Number.NaN)],
    ['usd', () => formatUsd(Number.POSITIVE_INFINITY)],
    ['$/MWh', () => formatUsdPerMwh(null)],
    ['temperature', () => formatTemperature(null)],
    ['percent', () => formatPercent(undefined)],
    ['duration', () => formatDuration(null)],
    ['age', () => formatAge(null, 0)],
    ['date', () => formatDateTime(new Date(Number.NaN), 'UTC')],
  ])('%s → em dash', (_name, run) => {
    expect(run()).toBe(EMPTY_VALUE);
  });
});

describe('formatDuration (input seconds)', () => {
  it.each([
    [0, '0 s'],
    [0.4, '0 s'],
    [45, '45 s'],
    [90, '1 min 30 s'],
    [3600, '1 h'],
    [3605, '1 h'],
    [8100, '2 h 15 min'],
    [277_200, '3 d 5 h'],
    [86_460, '1 d'],
    [-90, '-1 min 30 s'],
  ])('%s s → %s', (durationS, expected) => {
    expect(formatDuration(durationS)).toBe(nb(expected));
  });
});

describe('formatAge', () => {
  const now = 1_700_000_000_000;
  it.each([
    [now + 5_000, {}, 'just now'],
    [now - 400, {}, 'just now'],
    [now - 12_000, {}, '12 s ago'],
    [now - 3 * 60_000 - 59_000, {}, '3 min ago'],
    [now - 5 * 3_600_000, {}, '5 h ago'],
    [now - 2 * 86_400_000, {}, '2 d ago'],
    [now - 90_000, { staleAfterMs: 60_000 }, 'stale'],
    [now - 30_000, { staleAfterMs: 60_000 }, '30 s ago'],
  ])('%s → %s', (at, options, expected) => {
    expect(formatAge(at, now, options)).toBe(nb(expected));
  });
});

describe('dates in the site time zone', () => {
  // 2024-05-01T12:00:05Z: Stockholm is UTC+2 (CEST), New York UTC-4 (EDT).
  const at = Date.UTC(2024, 4, 1, 12, 0, 5);
  it.each([
    [formatDateTime(at, 'UTC'), '2024-05-01 12:00'],
    [formatDateTime(at, 'Europe/Stockholm'), '2024-05-01 14:00'],
    [formatDateTime(new Date(at), 'America/New_York', { seconds: true }), '2024-05-01 08:00:05'],
    [formatDateTime(at, 'Europe/Stockholm', { zoneName: true }), '2024-05-01 14:00 GMT+2'],
    [formatDate(Date.UTC(2024, 4, 1, 23, 30), 'Europe/Stockholm'), '2024-05-02'],
    [formatTime(Date.UTC(2024, 0, 1, 0, 5), 'UTC'), '00:05'],
    [formatTime(at, 'Asia/Kolkata', { seconds: true }), '17:30:05'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
