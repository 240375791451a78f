// URL state of the Allocation page (?site=): the site whose plan is shown.
import { parseAsString } from 'nuqs';

export const allocationSearchParams = { site: parseAsString };
