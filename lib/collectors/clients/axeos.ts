import { type AxeosAsic, axeosHttpError, parseAxeosAsic, parseAxeosInfo } from '../protocols/axeos';
import { httpRequest } from './http';
import { type ActionResult, type CollectResult, type Endpoint, remainingMs } from './types';

export type AxeosSession = { asic?: AxeosAsic; firmware?: string; frequencyMhz?: number; powerW?: number };

export async function pollAxeos(
  ep: Endpoint,
  session: AxeosSession,
  deadline: number,
  now: number,
): Promise<CollectResult> {
  const res = await httpRequest(ep, 'GET', '/api/system/info', remainingMs(deadline));
  if (!res.ok) return res;
  const httpErr = axeosHttpError(res.status);
  if (httpErr) return { ok: false, error: httpErr };
  const info = parseAxeosInfo(res.body, now);
  if (!info.ok) return { ok: false, error: info.error };
  session.firmware = info.value.firmware;
  session.frequencyMhz = info.value.frequencyMhz;
  session.powerW = info.value.reading.powerW;
  // Presets come from /api/system/asic (v2.7+); older firmware answers 404 and has none.
  if (!session.asic && remainingMs(deadline) > 0) {
    const asic = await httpRequest(ep, 'GET', '/api/system/asic', remainingMs(deadline));
    if (asic.ok && asic.status === 200) {
      const parsed = parseAxeosAsic(asic.body);
      if (parsed.ok) session.asic = parsed.value;
    } else if (asic.ok) session.asic = { frequencyOptionsMhz: [], voltageOptionsMv: [] };
  }
  const { reading, ...details } = info.value;
  return { ok: true, reading, flags: info.flags, details: { ...details, asic: session.asic } };
}

/**
 * The frequency preset for a power target: at a fixed core voltage ASIC power is roughly
 * proportional to clock, so scale from the current (frequency, power) and take the highest
 * preset that stays at or under the target.
 */
export function frequencyForPower(
  current: { frequencyMhz?: number; powerW?: number },
  optionsMhz: number[],
  targetW: number,
): number | undefined {
  if (!current.frequencyMhz || !current.powerW || optionsMhz.length === 0) return undefined;
  const wPerMhz = current.powerW / current.frequencyMhz;
  const sorted = [...optionsMhz].sort((a, b) => a - b);
  let best = sorted[0];
  for (const f of sorted) if (f * wPerMhz <= targetW) best = f;
  return best;
}

async function post(
  ep: Endpoint,
  path: string,
  deadline: number,
  body?: unknown,
  method: 'POST' | 'PATCH' = 'POST',
) {
  const res = await httpRequest(ep, method, path, remainingMs(deadline), body);
  if (!res.ok) return res;
  const err = axeosHttpError(res.status);
  return err
    ? ({ ok: false, error: err } as const)
    : ({ ok: true, message: res.body.slice(0, 200) || `HTTP ${res.status}` } as const);
}

export type AxeosAction =
  | { action: 'reboot' | 'pause' | 'resume' }
  | { action: 'switchPool'; pool: { host: string; port: number; user: string; password?: string } }
  | { action: 'setPowerTarget'; powerTargetW: number };

/** AxeOS writes: PATCH /api/system answers an empty 200 (A9); restart drops off the network (A10). */
export async function axeosAction(
  ep: Endpoint,
  session: AxeosSession,
  a: AxeosAction,
  deadline: number,
): Promise<ActionResult> {
  switch (a.action) {
    case 'reboot': {
      const res = await post(ep, '/api/system/restart', deadline);
      // The device may reboot before its reply leaves: a timeout after sending is not a failure.
      return !res.ok && res.error.kind === 'timeout' ? { ok: true, message: 'restart sent (no reply)' } : res;
    }
    case 'pause':
      return post(ep, '/api/system/pause', deadline);
    case 'resume':
      return post(ep, '/api/system/resume', deadline);
    case 'switchPool': {
      const body: Record<string, unknown> = {
        stratumURL: a.pool.host,
        stratumPort: a.pool.port,
        stratumUser: a.pool.user,
      };
      if (a.pool.password !== undefined) body.stratumPassword = a.pool.password;
      const patched = await post(ep, '/api/system', deadline, body, 'PATCH');
      if (!patched.ok) return patched;
      return axeosAction(ep, session, { action: 'reboot' }, deadline);
    }
    case 'setPowerTarget': {
      const f = frequencyForPower(session, session.asic?.frequencyOptionsMhz ?? [], a.powerTargetW);
      if (f === undefined)
        return {
          ok: false,
          error: {
            kind: 'not_supported',
            message: 'no frequency presets or current power known yet: poll first',
          },
        };
      return post(ep, '/api/system', deadline, { frequency: f }, 'PATCH');
    }
  }
}
