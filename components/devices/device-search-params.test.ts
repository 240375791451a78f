import { describe, expect, it } from 'vitest';
import { normalizeDeviceListParams } from '@/lib/api-client/device-list-params';
import { hasFilters, loadDeviceSearchParams, toDeviceListParams } from './device-search-params';

describe('device list URL state', () => {
  it.each([
    ['', { sort: 'name', dir: 'asc', limit: 50 }],
    ['?status=degraded,offline', { status: ['degraded', 'offline'], sort: 'name', dir: 'asc', limit: 50 }],
    ['?status=offline,bogus', { status: ['offline'], sort: 'name', dir: 'asc', limit: 50 }],
    [
      '?class=gpu&site=3&q=%20S21%20',
      { siteId: 3, class: ['gpu'], q: 'S21', sort: 'name', dir: 'asc', limit: 50 },
    ],
    ['?sort=hashrate.desc&size=100', { sort: 'hashrate', dir: 'desc', limit: 100 }],
    ['?sort=password.asc&size=7', { sort: 'name', dir: 'asc', limit: 50 }],
    ['?after=abc,def', { sort: 'name', dir: 'asc', limit: 50, cursor: 'def' }],
  ])('%s → %j', (query, expected) => {
    const params = toDeviceListParams(loadDeviceSearchParams(query));
    expect(normalizeDeviceListParams(params)).toEqual(expected);
  });

  it('normalises filter order so equal filters share one query key', () => {
    const a = toDeviceListParams(loadDeviceSearchParams('?status=offline,degraded&class=micro,asic'));
    const b = toDeviceListParams(loadDeviceSearchParams('?class=asic,micro&status=degraded,offline'));
    expect(normalizeDeviceListParams(a)).toEqual(normalizeDeviceListParams(b));
  });

  it.each([
    ['', false],
    ['?sort=power.desc&size=100', false],
    ['?q=tx', true],
    ['?site=1', true],
    ['?status=online', true],
  ])('hasFilters(%s) = %s', (query, expected) => {
    expect(hasFilters(loadDeviceSearchParams(query))).toBe(expected);
  });
});
