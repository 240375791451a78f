import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

describe('safeNextPath', () => {
  it.each<[string | string[] | undefined | null, string]>([
    [undefined, '/fleet'],
    [null, '/fleet'],
    ['', '/fleet'],
    ['/devices?status=offline', '/devices?status=offline'],
    ['/sites/3', '/sites/3'],
    [['/sites/3', '/devices'], '/sites/3'],
    ['//evil.example/x', '/fleet'],
    ['/\\evil.example', '/fleet'],
    ['https://evil.example', '/fleet'],
    ['javascript:alert(1)', '/fleet'],
    ['/login', '/fleet'],
    ['/login?next=/x', '/fleet'],
    ['/api/v1/tokens', '/fleet'],
  ])('%j → %s', (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});
