import { cache } from 'react';
import { orNotFound } from '../auth/detail-page';
import { requirePageActor } from '../auth/page';
import { getJob } from './jobs';

/**
 * The job page's read, cached per request so its layout (which runs before the segment's
 * loading.tsx streams a 200 shell), metadata and page share one query; unknown or foreign id → 404.
 */
export const loadJobPage = cache(async (id: number) => {
  const actor = await requirePageActor();
  return { actor, job: await orNotFound(() => getJob(actor, id, Date.now())) };
});
