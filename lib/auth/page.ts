import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { Actor } from './actor';
import { getSessionActor, SESSION_COOKIE } from './sessions';

/** The signed-in user for this render (deduplicated per request), or null. */
export const getPageActor = cache(async (): Promise<Actor | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return token ? getSessionActor(token) : null;
});

/** The enrolment page of users whose role must use two-factor (see lib/auth/two-factor-policy.ts). */
export const ENROL_PATH = '/setup-two-factor';

/**
 * Every page calls this (not only the proxy): no session → the sign-in page; a session held for
 * two-factor enrolment → the enrolment page (the one page that passes `enrolmentPage`).
 */
export async function requirePageActor(options: { enrolmentPage?: true } = {}): Promise<Actor> {
  const actor = await getPageActor();
  if (!actor) redirect('/login');
  if (actor.twoFactorEnrolmentDue && !options.enrolmentPage) redirect(ENROL_PATH);
  return actor;
}
