// GET /api/v1/simulator/history – how far the first-start demo history is filled (the top bar's
// "history: 3 of 7 days"): { status: none | filling | done, days, daysFilled, samples }.
import { route } from '@/lib/http/route';
import { getHistoryProgress } from '@/lib/sim/backfill';

export const GET = route(async ({ actor }) => getHistoryProgress(actor));
