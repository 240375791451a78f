// Braiins OS+ power targets through its public gRPC API (reference §3.1–§3.3): log in with the
// device's stored credentials, then PerformanceService/SetPowerTarget with SAVE_AND_APPLY. The
// cgminer-compatible API on 4028 has no power-target command (§1.7.2), hence the second port.
import {
  decodeLoginResponse,
  decodeSetPowerTargetResponse,
  encodeLoginRequest,
  encodeSetPowerTargetRequest,
  GRPC_STATUS,
  LOGIN_PATH,
  SET_POWER_TARGET_PATH,
} from '../protocols/braiins-grpc';
import { grpcUnary } from './grpc';
import { type ActionResult, type CollectError, type Endpoint, remainingMs } from './types';

export type BraiinsLogin = { username: string; password: string };

function statusError(status: number, message: string, what: string): CollectError {
  const text = `${what}: gRPC status ${status}${message ? ` (${message})` : ''}`;
  if (status === GRPC_STATUS.UNAUTHENTICATED) return { kind: 'credentials_rejected', message: text };
  if (status === GRPC_STATUS.PERMISSION_DENIED) return { kind: 'access_denied', message: text };
  if (status === GRPC_STATUS.UNIMPLEMENTED)
    return { kind: 'not_supported', message: `${text}: this Braiins OS has no such call` };
  return { kind: 'device_error', message: text, code: status };
}

/** Login → token: from the body on API 1.x, from the `authorization` header on older firmware. */
export async function braiinsLogin(
  ep: Endpoint,
  login: BraiinsLogin,
  deadline: number,
): Promise<{ ok: true; token: string } | { ok: false; error: CollectError }> {
  const reply = await grpcUnary(ep, LOGIN_PATH, encodeLoginRequest(login.username, login.password), {
    timeoutMs: remainingMs(deadline),
  });
  if (!reply.ok) return reply;
  if (reply.status !== GRPC_STATUS.OK)
    return { ok: false, error: statusError(reply.status, reply.statusMessage, 'Braiins login') };
  const body = reply.message ? decodeLoginResponse(reply.message) : undefined;
  const token = body?.token || reply.headers.authorization;
  if (!token)
    return { ok: false, error: { kind: 'device_error', message: 'Braiins login returned no token' } };
  return { ok: true, token };
}

/**
 * Sets the tuner's power target (W). Each action logs in afresh (actions are rare; a cached
 * token would only add the expiry dance of edge case B6), then SetPowerTarget with SAVE_AND_APPLY.
 */
export async function braiinsSetPowerTarget(
  ep: Endpoint,
  login: BraiinsLogin,
  powerTargetW: number,
  deadline: number,
): Promise<ActionResult> {
  const auth = await braiinsLogin(ep, login, deadline);
  if (!auth.ok) return auth;
  const reply = await grpcUnary(ep, SET_POWER_TARGET_PATH, encodeSetPowerTargetRequest(powerTargetW), {
    timeoutMs: remainingMs(deadline),
    metadata: { authorization: auth.token },
  });
  if (!reply.ok) return reply;
  if (reply.status !== GRPC_STATUS.OK)
    return { ok: false, error: statusError(reply.status, reply.statusMessage, 'SetPowerTarget') };
  const set = reply.message ? decodeSetPowerTargetResponse(reply.message) : undefined;
  const w = set?.powerTargetW ?? Math.round(powerTargetW);
  return { ok: true, message: `Braiins tuner power target set to ${w} W (gRPC SetPowerTarget)` };
}
