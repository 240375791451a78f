import { describe, expect, it } from 'vitest';
import { IdParam } from './params';

describe('IdParam', () => {
  it.each([
    ['1', 1],
    ['1207', 1207],
    ['2147483647', 2147483647],
  ])('accepts %j', (raw, id) => {
    expect(IdParam.parse(raw)).toBe(id);
  });

  it.each([
    '0x4B7',
    '1e3',
    ' 1 ',
    '1 ',
    '01',
    '1.0',
    '+1',
    '-1',
    '0',
    '',
    'abc',
    '2147483648',
    '99999999999',
    '%E0%A4%A',
    '١٢',
  ])('refuses %j', (raw) => {
    expect(IdParam.safeParse(raw).success).toBe(false);
  });
});
