import { describe, expect, it } from 'vitest';
import { csvLine } from './csv';
import {
  encodeTelemetryJoinedPage,
  encodeTelemetryPage,
  newTelemetryCsvState,
  TELEMETRY_CSV_HEADER,
} from './telemetry-csv';

const T = Date.parse('2024-03-31T12:00:00Z');
const SERIALS = new Map([
  [1, 'S-1'],
  [2, 'S-2'],
  [3, '=cmd|x'],
  [4, 'a,"b"'],
  [5, 'S'],
  [6, 'S'],
  [7, 'S'],
  [8, 'S'],
]);

describe('telemetry CSV page encoder', () => {
  it('writes the header with the documented column names', () => {
    expect(TELEMETRY_CSV_HEADER).toBe(
      'ts,device_id,serial,hashrate_ths,power_w,chip_temp_c,gpu_util_pct,status\r\n',
    );
  });

  it.each([
    ['plain row', [T, 1, 190.5, 3400, 61, null, 'ok'], '2024-03-31T12:00:00.000Z,1,S-1,190.5,3400,61,,ok'],
    ['nulls', [T, 2, null, null, null, null, null], '2024-03-31T12:00:00.000Z,2,S-2,,,,,'],
    ['defanged serial', [T, 3, 1, 2, 3, 4, 'ok'], "2024-03-31T12:00:00.000Z,3,'=cmd|x,1,2,3,4,ok"],
    ['quoted serial', [T, 4, 1, 2, 3, 4, 'ok'], '2024-03-31T12:00:00.000Z,4,"a,""b""",1,2,3,4,ok'],
    ['formula in status', [T, 5, -1.25, 0, 0, 0, '-1+1'], "2024-03-31T12:00:00.000Z,5,S,-1.25,0,0,0,'-1+1"],
    ['status with CR', [T, 6, 1, 1, 1, 1, '\rx'], `2024-03-31T12:00:00.000Z,6,S,1,1,1,1,"'\rx"`],
    [
      'PostgreSQL wire text',
      [String(T + 30_000), '7', '1.5', '-2', '0.0001', '3400', 'ok'],
      '2024-03-31T12:00:30.000Z,7,S,1.5,-2,0.0001,3400,ok',
    ],
    [
      'PostgreSQL exponents as JS writes them',
      [T, 7, '1e-05', '1e+15', '1.5e+20', '-0', 'ok'],
      '2024-03-31T12:00:00.000Z,7,S,0.00001,1000000000000000,150000000000000000000,0,ok',
    ],
    [
      'PostgreSQL non-finite text',
      [T, 7, 'NaN', 'Infinity', '-Infinity', '1e-07', 'ok'],
      '2024-03-31T12:00:00.000Z,7,S,,,,1e-7,ok',
    ],
    [
      'non-finite number',
      [T, 8, Number.NaN, Number.POSITIVE_INFINITY, 1, 1, ''],
      '2024-03-31T12:00:00.000Z,8,S,,,1,1,',
    ],
    ['unknown device', [T, 99, 1, 2, 3, 4, 'ok'], '2024-03-31T12:00:00.000Z,99,,1,2,3,4,ok'],
  ] as const)('%s', (_name, row, expected) => {
    expect(encodeTelemetryPage([[...row]], SERIALS, newTelemetryCsvState())).toBe(`${expected}\r\n`);
  });

  it('agrees with the generic cell encoder across pages that share caches', () => {
    const state = newTelemetryCsvState();
    const serials = new Map([
      [1, '@a'],
      [2, 'b'],
    ]);
    const rows = [
      [T, 1, 1, 2, 3, 4, 'ok'],
      [T, 2, null, 2, 3, null, 'degraded'],
      [T + 1, 1, 5, 6, 7, 8, 'ok'],
    ] as const;
    const pages =
      encodeTelemetryPage(
        rows.slice(0, 2).map((r) => [...r]),
        serials,
        state,
      ) +
      encodeTelemetryPage(
        rows.slice(2).map((r) => [...r]),
        serials,
        state,
      );
    const generic = rows
      .map(([ts, id, ...rest]) => csvLine([new Date(ts).toISOString(), id, serials.get(id)!, ...rest]))
      .join('');
    expect(pages).toBe(generic);
  });

  it.each([
    ['plain', ['190.5', '3400', '61', null]],
    ['nulls', [null, null, null, null]],
    ['negative and -0', ['-1.25', '-0', '0', '-2']],
    ['exponents', ['1e-05', '1e+15', '1.5e+20', '1e-07']],
    ['non-finite', ['NaN', 'Infinity', '-Infinity', '0.0001']],
  ] as const)('PostgreSQL numbers joined in SQL encode as the four fields do: %s', (_name, numbers) => {
    const joined = numbers.map((v) => v ?? '').join(',');
    for (const [id, status] of [
      [3, '-1+1'],
      [4, null],
      [1, 'ok'],
    ] as const) {
      const row = [String(T), String(id), ...numbers, status];
      const expected = encodeTelemetryPage([row], SERIALS, newTelemetryCsvState());
      expect(
        encodeTelemetryJoinedPage([[String(T), String(id), joined, status]], SERIALS, newTelemetryCsvState()),
      ).toBe(expected);
    }
  });
});
