import 'server-only';
import { notFound } from 'next/navigation';
import { AppError } from '../errors';
import { IdParam } from '../http/params';

/** Props of a `[id]` detail page (Next passes both as promises). */
export type DetailPageProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** A canonical positive integer id from the path (the API's rule), or the not-found page. */
export function parseRouteId(text: string): number {
  const parsed = IdParam.safeParse(text);
  if (!parsed.success) notFound();
  return parsed.data;
}

/** Runs a lib read and turns its 404 (unknown or out-of-scope id) into the not-found page. */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
}
