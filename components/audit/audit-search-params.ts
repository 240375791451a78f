// URL state of the audit log (?actor=&action=&from=&to=&size=&after=): filters survive a reload.
import { parseAsArrayOf, parseAsInteger, parseAsString } from 'nuqs';

export const auditSearchParams = {
  actor: parseAsString.withDefault(''),
  action: parseAsString.withDefault(''),
  /** UTC dates (YYYY-MM-DD), both inclusive. */
  from: parseAsString.withDefault(''),
  to: parseAsString.withDefault(''),
  size: parseAsInteger.withDefault(50),
  /** Cursor stack, as on the devices page. */
  after: parseAsArrayOf(parseAsString).withDefault([]),
};
