import { parseDcgmMetrics } from '../protocols/dcgm';
import { httpRequest } from './http';
import { type CollectResult, type Endpoint, remainingMs } from './types';

/** dcgm-exporter sets no Content-Type (reference §4.1): the body is judged by content. */
export async function pollDcgm(ep: Endpoint, deadline: number, now: number): Promise<CollectResult> {
  const res = await httpRequest(ep, 'GET', '/metrics', remainingMs(deadline));
  if (!res.ok) return res;
  if (res.status !== 200)
    return { ok: false, error: { kind: 'device_error', message: `HTTP ${res.status}`, code: res.status } };
  const parsed = parseDcgmMetrics(res.body, now);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const { reading, ...details } = parsed.value;
  return { ok: true, reading, flags: parsed.flags, details };
}
