import { describe, expect, it } from 'vitest';
import { nextSort, parseSort, serializeSort } from './sort';
import type { SortState } from './types';

describe('parseSort', () => {
  it.each([
    ['hashrateThs.desc', { id: 'hashrateThs', direction: 'desc' }],
    ['name.asc', { id: 'name', direction: 'asc' }],
    ['last-seen.asc', { id: 'last-seen', direction: 'asc' }],
    ['name', null],
    ['name.up', null],
    ['.asc', null],
    ['1abc.asc', null],
    ['name.asc;drop', null],
    ['', null],
  ])('%j → %j', (text, expected) => {
    expect(parseSort(text)).toEqual(expected);
  });

  it('round-trips with serializeSort', () => {
    const sort: SortState = { id: 'powerW', direction: 'desc' };
    expect(parseSort(serializeSort(sort))).toEqual(sort);
  });
});

describe('nextSort', () => {
  it.each<[SortState | null, string, boolean, SortState]>([
    [null, 'name', false, { id: 'name', direction: 'asc' }],
    [null, 'hashrateThs', true, { id: 'hashrateThs', direction: 'desc' }],
    [{ id: 'name', direction: 'asc' }, 'name', false, { id: 'name', direction: 'desc' }],
    [{ id: 'name', direction: 'desc' }, 'name', false, { id: 'name', direction: 'asc' }],
    [{ id: 'name', direction: 'desc' }, 'powerW', true, { id: 'powerW', direction: 'desc' }],
    [{ id: 'powerW', direction: 'desc' }, 'name', false, { id: 'name', direction: 'asc' }],
  ])('from %j clicking %s (descFirst %s) → %j', (current, id, descFirst, expected) => {
    expect(nextSort(current, id, descFirst)).toEqual(expected);
  });
});
