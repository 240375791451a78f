// URL state of the job queue (?status=&tenant=&q=), shared by the server page and the client view.
import {
  createLoader,
  parseAsArrayOf,
  parseAsInteger,
  parseAsString,
  parseAsStringLiteral,
} from 'nuqs/server';
import { JOB_STATUSES } from '@/lib/workloads/lifecycle';

export const jobSearchParams = {
  status: parseAsArrayOf(parseAsStringLiteral(JOB_STATUSES)).withDefault([]),
  tenant: parseAsInteger,
  q: parseAsString.withDefault(''),
};

export const loadJobSearchParams = createLoader(jobSearchParams);
