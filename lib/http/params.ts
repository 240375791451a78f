import { z } from 'zod';
import { IdString } from '@/lib/ids';

/** A positive integer id from a path segment (canonical decimal only; see lib/ids.ts). */
export { IdString as IdParam } from '@/lib/ids';

/** `?siteId=` narrowing a fleet view to one site. */
export const SiteIdQuery = z.object({ siteId: IdString.optional() });
