import { createParser } from 'nuqs/server';
import type { SortDirection, SortState } from './types';

/** "hashrateThs.desc" → { id: 'hashrateThs', direction: 'desc' }; anything else → null. */
export function parseSort(text: string): SortState | null {
  const match = /^([A-Za-z][\w-]*)\.(asc|desc)$/.exec(text);
  if (!match) return null;
  return { id: match[1]!, direction: match[2] as SortDirection };
}

export function serializeSort(sort: SortState): string {
  return `${sort.id}.${sort.direction}`;
}

/** Header click: a new column starts at its preferred direction; the same column flips. */
export function nextSort(current: SortState | null, id: string, descFirst = false): SortState {
  if (current?.id === id) return { id, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { id, direction: descFirst ? 'desc' : 'asc' };
}

/**
 * nuqs parser for a `sort` search param. The server must still whitelist `id` (zod enum of sortable columns):
 * the URL is user input.
 */
export const parseAsSort = createParser<SortState>({
  parse: parseSort,
  serialize: serializeSort,
  eq: (a, b) => a.id === b.id && a.direction === b.direction,
});
