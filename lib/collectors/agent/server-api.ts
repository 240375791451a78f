// The site agent's calls to the Switchyard server, each answered as a value: what a failure means
// for the data (retry later, or drop the batch because the server will never take it) is decided
// here, once.
import { gzipSync } from 'node:zlib';
import type {
  AgentAction,
  AgentActionClaim,
  AgentActionResults,
  AgentResultAnswer,
} from '../../actions/agent-exchange';
import type { AgentDeviceList, AgentPollReport } from '../agent-api';

export type ServerConnection = { url: string; token: string; timeoutMs: number };

export type SendResult =
  | { kind: 'ok'; accepted: number; duplicates: number; rejected: { index: number; error: string }[] }
  /** Keep the batch and try again after a back-off (server down, overloaded, token refused). */
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  /** The batch is too large for this server: send fewer samples per request. */
  | { kind: 'too_large'; reason: string }
  /** The server will never accept these samples (none valid, malformed body): drop and count them. */
  | { kind: 'refused'; reason: string; rejected: number };

async function request(conn: ServerConnection, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${conn.token}`);
  headers.set('accept', 'application/json');
  return fetch(new URL(path, conn.url), { ...init, headers, signal: AbortSignal.timeout(conn.timeoutMs) });
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return `unreachable (${cause.code})`;
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer (timeout)';
  return `unreachable (${error instanceof Error ? error.message : String(error)})`;
}

async function errorText(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return `HTTP ${res.status}${body?.error?.message ? `: ${body.error.message}` : ''}`;
}

export async function fetchDeviceList(conn: ServerConnection, siteId: number): Promise<AgentDeviceList> {
  let res: Response;
  try {
    res = await request(conn, `/api/v1/agent/sites/${siteId}/devices`);
  } catch (error) {
    throw new Error(`server ${networkReason(error)}`);
  }
  if (!res.ok) throw new Error(`device list refused: ${await errorText(res)}`);
  return (await res.json()) as AgentDeviceList;
}

export async function sendSamples(
  conn: ServerConnection,
  samples: Record<string, unknown>[],
): Promise<SendResult> {
  let res: Response;
  try {
    // gzip: a backlog crosses the WAN link that was down; JSON samples shrink about tenfold.
    res = await request(conn, '/api/v1/telemetry', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ samples })),
    });
  } catch (error) {
    return { kind: 'retry', reason: `server ${networkReason(error)}` };
  }
  if (res.ok) {
    const body = (await res.json().catch(() => null)) as Extract<SendResult, { kind: 'ok' }> | null;
    // Committed or not, we cannot tell: send again; the server drops what it already has.
    if (typeof body?.accepted !== 'number')
      return { kind: 'retry', reason: `unreadable answer (HTTP ${res.status})` };
    return {
      kind: 'ok',
      accepted: body.accepted,
      duplicates: body.duplicates,
      rejected: body.rejected ?? [],
    };
  }
  const reason = await errorText(res);
  if (res.status === 413) return { kind: 'too_large', reason };
  // 400: the body was read and judged; sending the same bytes again cannot change the answer.
  if (res.status === 400) return { kind: 'refused', reason, rejected: samples.length };
  const retryAfterS = Number(res.headers.get('retry-after'));
  return {
    kind: 'retry',
    reason: res.status === 401 || res.status === 403 ? `token refused (${reason})` : reason,
    ...(retryAfterS > 0 ? { retryAfterMs: retryAfterS * 1000 } : {}),
  };
}

/** Best effort: outcomes are current state, not data; a lost report is superseded by the next. */
export async function reportPolls(
  conn: ServerConnection,
  siteId: number,
  report: AgentPollReport,
): Promise<string | null> {
  try {
    const res = await request(conn, `/api/v1/agent/sites/${siteId}/polls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(report),
    });
    return res.ok ? null : await errorText(res);
  } catch (error) {
    return `server ${networkReason(error)}`;
  }
}

export type Answer<T> = { ok: true; value: T } | { ok: false; reason: string };

async function postJson<T>(conn: ServerConnection, path: string, body: unknown): Promise<Answer<T>> {
  let res: Response;
  try {
    res = await request(conn, path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (error) {
    return { ok: false, reason: `server ${networkReason(error)}` };
  }
  if (!res.ok) return { ok: false, reason: await errorText(res) };
  const value = (await res.json().catch(() => null)) as T | null;
  return value === null
    ? { ok: false, reason: `unreadable answer (HTTP ${res.status})` }
    : { ok: true, value };
}

/** Claims the due actions of the site's devices; a lost answer is harmless (the next claim repeats them). */
export function claimActions(
  conn: ServerConnection,
  siteId: number,
  body: Partial<AgentActionClaim> & { agent: string },
): Promise<Answer<{ actions: AgentAction[] }>> {
  return postJson(conn, `/api/v1/agent/sites/${siteId}/actions/claim`, body);
}

export function reportActionResults(
  conn: ServerConnection,
  siteId: number,
  body: AgentActionResults,
): Promise<Answer<{ results: AgentResultAnswer[] }>> {
  return postJson(conn, `/api/v1/agent/sites/${siteId}/actions/results`, body);
}
