import type { ReactNode } from 'react';
import { parseRouteId } from '@/lib/auth/detail-page';
import { loadSitePage } from '@/lib/inventory/detail-pages';

/**
 * Checks that the site exists (and is visible) before the segment's loading.tsx streams a
 * 200 shell: an unknown id gets the not-found page with HTTP 404.
 */
export default async function SiteLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  await loadSitePage(parseRouteId((await params).id));
  return children;
}
