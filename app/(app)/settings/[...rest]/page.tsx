import { notFound } from 'next/navigation';
import { requirePageActor } from '@/lib/auth/page';

/**
 * Any other /settings/… URL. The settings pages sit in the (pages) group with their loading
 * skeleton, so this catch-all is outside that Suspense boundary: notFound() is thrown before
 * anything streams and the answer is a real HTTP 404 with the app's not-found page.
 */
export default async function UnknownSettingsPage(): Promise<never> {
  await requirePageActor();
  notFound();
}
