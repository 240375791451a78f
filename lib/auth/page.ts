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

/** Every page calls this (not only the proxy): no session → the sign-in page. */
export async function requirePageActor(): Promise<Actor> {
  const actor = await getPageActor();
  if (!actor) redirect('/login');
  return actor;
}
