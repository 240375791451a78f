import { redirect } from 'next/navigation';
import { getPageActor } from '@/lib/auth/page';

export default async function Home() {
  const actor = await getPageActor();
  if (actor && actor.tenantId !== null) redirect('/home');
  redirect('/fleet');
}
