// Any /api path no route file claims: the JSON error envelope with 404, for every method, so a
// script that mistypes a URL gets `{ error: { code: "not_found" } }` instead of an HTML page.

import { notFound } from '@/lib/errors';
import { publicRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

const unknownPath = publicRoute(async ({ req }) => {
  throw notFound(`API route ${new URL(req.url).pathname}`);
});

export const GET = unknownPath;
export const HEAD = unknownPath;
export const POST = unknownPath;
export const PUT = unknownPath;
export const PATCH = unknownPath;
export const DELETE = unknownPath;
