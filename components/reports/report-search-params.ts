// URL state of the reports page (?kind=&from=&to=&site=&class=), so a report view can be shared.
import { parseAsInteger, parseAsString, parseAsStringLiteral } from 'nuqs';
import { REPORT_KINDS } from '@/lib/reports/types';

export const reportSearchParams = {
  kind: parseAsStringLiteral(REPORT_KINDS).withDefault('energy'),
  from: parseAsString.withDefault(''),
  to: parseAsString.withDefault(''),
  site: parseAsInteger,
  class: parseAsStringLiteral(['asic', 'micro', 'gpu'] as const),
};
