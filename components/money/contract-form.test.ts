import { describe, expect, it } from 'vitest';
import { type ContractForm, DEFAULT_BANDS, parseContractForm, serverFieldErrors } from './contract-form';

const base: ContractForm = {
  contractKind: 'fixed',
  fixedPrice: '45',
  bands: DEFAULT_BANDS,
  spotSource: '',
  adder: '0',
  pue: '1.05',
  poolFeePct: '2',
  curtailable: true,
  firmPower: false,
};

describe('parseContractForm', () => {
  it('fixed: a PATCH body with numbers', () => {
    const r = parseContractForm(base);
    expect(r.errors).toEqual({});
    expect(r.patch).toEqual({
      contractKind: 'fixed',
      fixedPriceUsdPerMwh: 45,
      pue: 1.05,
      poolFeePct: 2,
      curtailable: true,
      firmPower: false,
    });
  });

  it('the default TOU bands cover the week exactly once', () => {
    const r = parseContractForm({ ...base, contractKind: 'tou' });
    expect(r.coverage).toEqual([]);
    expect(r.draft.touSchedule).toHaveLength(4);
  });

  it('TOU: reports gaps and overlaps by weekday and hours', () => {
    const r = parseContractForm({
      ...base,
      contractKind: 'tou',
      bands: [
        { days: [1, 2, 3, 4, 5, 6, 7], fromHour: 0, toHour: 18, price: '50' },
        { days: [1], fromHour: 17, toHour: 24, price: '90' },
      ],
    });
    expect(r.coverage).toContain('Mon 17:00–18:00 is covered by bands 1 and 2');
    expect(r.coverage).toContain('Tue 18:00–24:00 has no price');
  });

  it.each([
    [{ fixedPrice: 'abc' }, 'fixedPriceUsdPerMwh'],
    [{ pue: '0.9' }, 'pue'],
    [{ poolFeePct: '101' }, 'poolFeePct'],
    [{ contractKind: 'spot' as const }, 'spotSource'],
    [{ contractKind: 'spot' as const, spotSource: 'sim:se3', adder: '1e3' }, 'spotAdderUsdPerMwh'],
    [
      { contractKind: 'tou' as const, bands: [{ days: [], fromHour: 5, toHour: 3, price: '1' }] },
      'touSchedule.0.toHour',
    ],
  ])('names the bad field for %j', (change, field) => {
    expect(Object.keys(parseContractForm({ ...base, ...change }).errors)).toContain(field);
  });
});

describe('serverFieldErrors', () => {
  it('keeps the first message per path and ignores junk', () => {
    expect(
      serverFieldErrors([
        { path: 'pue', message: 'a' },
        { path: 'pue', message: 'b' },
        'x',
        { path: 'spotSource', message: 'c' },
      ]),
    ).toEqual({ pue: 'a', spotSource: 'c' });
    expect(serverFieldErrors(undefined)).toEqual({});
  });
});
