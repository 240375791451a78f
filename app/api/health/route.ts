// GET /api/health – liveness and database reachability; no authentication.

import { getDbProvider } from '@/lib/db/client';
import { queryOne, sql } from '@/lib/db/raw';
import { publicRoute } from '@/lib/http/route';
import { APP_VERSION } from '@/lib/version';

export const dynamic = 'force-dynamic';

export const GET = publicRoute(async () => {
  const db = getDbProvider();
  try {
    await queryOne(sql`SELECT 1 AS ok`);
    return { status: 'ok', db, version: APP_VERSION };
  } catch {
    return Response.json(
      { status: 'degraded', db, version: APP_VERSION },
      { status: 503, headers: { 'Retry-After': '5' } },
    );
  }
});
