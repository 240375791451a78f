// URL state of the assignment board (?site=&rack=&q=&class=&status=&workload=), shared by the
// server page (prefetch) and the client board.
import {
  createLoader,
  parseAsArrayOf,
  parseAsInteger,
  parseAsString,
  parseAsStringLiteral,
} from 'nuqs/server';
import { DEVICE_CLASSES, DEVICE_STATUSES } from '@/lib/inventory/schemas';
import { ASSIGNMENT_KINDS } from '@/lib/workloads/schemas';

export const BOARD_WORKLOADS = [...ASSIGNMENT_KINDS, 'none'] as const;

export const boardSearchParams = {
  site: parseAsInteger,
  rack: parseAsInteger,
  q: parseAsString.withDefault(''),
  class: parseAsArrayOf(parseAsStringLiteral(DEVICE_CLASSES)).withDefault([]),
  status: parseAsArrayOf(parseAsStringLiteral(DEVICE_STATUSES)).withDefault([]),
  workload: parseAsArrayOf(parseAsStringLiteral(BOARD_WORKLOADS)).withDefault([]),
};

export const loadBoardSearchParams = createLoader(boardSearchParams);
