import { ApiError } from '@/lib/api-client/fetch';

/** The 400 envelope's `details` as path → message ("urls.1" → '"x": port missing'). */
export function fieldErrors(error: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return out;
  for (const d of error.details as { path?: unknown; message?: unknown }[]) {
    if (typeof d.path === 'string' && typeof d.message === 'string' && !out.has(d.path)) {
      out.set(d.path, d.message);
    }
  }
  return out;
}
