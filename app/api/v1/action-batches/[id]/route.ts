// GET /api/v1/action-batches/{id} – a bulk action's progress: counts per status, done, finished.
import { z } from 'zod';
import { getBatchProgress } from '@/lib/actions/requests';
import { route } from '@/lib/http/route';

type P = { id: string };

export const GET = route<P>(async ({ actor, params }) =>
  getBatchProgress(actor, z.string().uuid().parse(params.id)),
);
