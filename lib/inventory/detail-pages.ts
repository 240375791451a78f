import 'server-only';
import { cache } from 'react';
import { orNotFound } from '../auth/detail-page';
import { requirePageActor } from '../auth/page';
import { getDevice } from './devices';
import { getSite } from './sites';

// Cached per request: a detail segment's layout (which answers 404 before anything streams),
// its metadata and its page share one read.

export const loadDevicePage = cache(async (id: number) => {
  const actor = await requirePageActor();
  return { actor, device: await orNotFound(() => getDevice(actor, id)) };
});

export const loadSitePage = cache(async (id: number) => {
  const actor = await requirePageActor();
  return { actor, site: await orNotFound(() => getSite(actor, id)) };
});
