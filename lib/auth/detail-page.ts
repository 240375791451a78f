import 'server-only';
import { notFound } from 'next/navigation';
import { AppError } from '../errors';

/** Props of a `[id]` detail page (Next passes both as promises). */
export type DetailPageProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** A positive integer id from the path, or the not-found page. */
export function parseRouteId(text: string): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
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
