import type { z } from 'zod';
import { type Actor, type Role, requireRole } from '../auth/actor';
import { assertSameOrigin, authenticateRequest } from '../auth/request';
import { getEnv } from '../env';
import { twoFactorEnrolmentRequired, unauthorized } from '../errors';
import { beginActivity } from '../jobs/loop-watch';
import { errorResponse } from './errors';
import { cameOverTls, HSTS } from './security-headers';

type Params = Record<string, string | string[]>;

export type RouteArgs<P extends Params> = {
  req: Request;
  actor: Actor;
  via: 'session' | 'token';
  params: P;
};

type Options = { minRole?: Role };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * API answers hold one caller's data: never stored by a browser or a shared cache. Over TLS they
 * carry HSTS too (pages get theirs from proxy.ts, which does not see the API).
 */
function noStore(res: Response, req: Request): Response {
  if (!res.headers.has('cache-control')) res.headers.set('cache-control', 'no-store');
  if (cameOverTls(req.headers, getEnv().SWITCHYARD_TRUST_PROXY))
    res.headers.set('strict-transport-security', HSTS);
  return res;
}

/**
 * Wraps a route handler: authenticates (session cookie or bearer token), checks the Origin of
 * cookie-authenticated mutations, enforces a minimum role, maps every thrown error to the
 * `{ error: { code, message } }` envelope. Handlers return a Response or a JSON-able value.
 * Authorization of the data itself happens again inside lib/ (defence in depth).
 */
export function route<P extends Params = Params>(
  handler: (args: RouteArgs<P>) => Promise<Response | object | null>,
  options: Options = {},
) {
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    const ended = beginActivity(`${req.method} ${new URL(req.url).pathname}`);
    try {
      const auth = await authenticateRequest(req);
      if (!auth) throw unauthorized();
      if (auth.via === 'session' && !SAFE_METHODS.has(req.method)) assertSameOrigin(req);
      if (auth.actor.twoFactorEnrolmentDue) throw twoFactorEnrolmentRequired();
      if (options.minRole) requireRole(auth.actor, options.minRole);
      const params = (await context?.params) ?? ({} as P);
      const result = await handler({ req, actor: auth.actor, via: auth.via, params });
      if (result instanceof Response) return noStore(result, req);
      if (result === null) return noStore(new Response(null, { status: 204 }), req);
      return noStore(Response.json(result), req);
    } catch (error) {
      return noStore(errorResponse(error), req);
    } finally {
      ended();
    }
  };
}

/** A route without authentication (health, login). Errors still use the envelope. */
export function publicRoute<P extends Params = Params>(
  handler: (args: { req: Request; params: P }) => Promise<Response | object | null>,
) {
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const params = (await context?.params) ?? ({} as P);
      const result = await handler({ req, params });
      if (result instanceof Response) return noStore(result, req);
      if (result === null) return noStore(new Response(null, { status: 204 }), req);
      return noStore(Response.json(result), req);
    } catch (error) {
      return noStore(errorResponse(error), req);
    }
  };
}

/** Parses the query string with a zod schema (repeated keys become arrays). */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = new URL(req.url).searchParams;
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    raw[key] = values.length > 1 ? values : (values[0] ?? '');
  }
  return schema.parse(raw);
}
