// URL state of the Allocation page (?site=): the site whose plan is shown.
import { parseAsInteger } from 'nuqs';

export const allocationSearchParams = { site: parseAsInteger };
