// Calls App Router route handlers in-process with real Request objects: the whole handler path
// (auth, zod, lib, database) runs; only the HTTP server is skipped (e2e covers that).
import { type Role, SYSTEM_ACTOR } from '../../lib/auth/actor';
import { createApiToken } from '../../lib/auth/api-tokens';

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

export type CallOptions = {
  method?: string;
  path?: string;
  token?: string;
  body?: unknown;
  rawBody?: string | Uint8Array;
  contentType?: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
};

export async function call<P extends Record<string, string>>(handler: Handler<P>, options: CallOptions = {}) {
  const headers = new Headers(options.headers);
  if (options.token) headers.set('authorization', `Bearer ${options.token}`);
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers.set('content-type', options.contentType ?? 'application/json');
  } else if (options.rawBody !== undefined) {
    body = options.rawBody as BodyInit;
    if (options.contentType) headers.set('content-type', options.contentType);
  }
  const req = new Request(`http://localhost${options.path ?? '/'}`, {
    method: options.method ?? 'GET',
    headers,
    body,
  });
  const res = await handler(req, { params: Promise.resolve((options.params ?? {}) as P) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  // biome-ignore lint/suspicious/noExplicitAny: test helper returns parsed JSON for assertions
  return { status: res.status, headers: res.headers, json: json as any };
}

export async function tokenFor(role: Role, name = `test-${role}`) {
  const { token } = await createApiToken(SYSTEM_ACTOR, { name, role });
  return token;
}
