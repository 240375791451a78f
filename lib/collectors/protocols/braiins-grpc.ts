// Braiins OS public gRPC API (reference §3): the messages of braiins/bos-v1-subset.proto, encoded
// and decoded by hand, and gRPC's 5-byte message framing. Pure: no sockets here.
import { decodeMessage, encodeMessage, getBytes, getString, getUint } from './protobuf';

export const BOS_GRPC_PORT = 50051;
export const LOGIN_PATH = '/braiins.bos.v1.AuthenticationService/Login';
export const SET_POWER_TARGET_PATH = '/braiins.bos.v1.PerformanceService/SetPowerTarget';

/** SaveAction: SAVE_AND_APPLY (2) makes the tuner work towards the new target now and keeps it. */
export const SAVE_ACTION_SAVE_AND_APPLY = 2;

export function encodeLoginRequest(username: string, password: string): Buffer {
  return encodeMessage([
    { field: 1, string: username },
    { field: 2, string: password },
  ]);
}

export function decodeLoginRequest(body: Buffer): { username: string; password: string } | undefined {
  const m = decodeMessage(body);
  if (!m.ok) return undefined;
  return { username: getString(m.fields, 1) ?? '', password: getString(m.fields, 2) ?? '' };
}

export function encodeLoginResponse(token: string, timeoutS: number): Buffer {
  return encodeMessage([
    { field: 1, string: token },
    { field: 2, uint: timeoutS },
  ]);
}

/** The token from the body (API 1.x); empty for old firmware that only sends the header. */
export function decodeLoginResponse(body: Buffer): { token: string; timeoutS: number } | undefined {
  const m = decodeMessage(body);
  if (!m.ok) return undefined;
  return { token: getString(m.fields, 1) ?? '', timeoutS: Number(getUint(m.fields, 2) ?? 0n) };
}

const power = (watt: number) => encodeMessage([{ field: 1, uint: Math.round(watt) }]);

function decodePower(body: Buffer | undefined): number | undefined {
  if (body === undefined) return undefined;
  const m = decodeMessage(body);
  // An empty Power message is 0 W (proto3 leaves defaults out).
  return m.ok ? Number(getUint(m.fields, 1) ?? 0n) : undefined;
}

export function encodeSetPowerTargetRequest(watt: number, saveAction = SAVE_ACTION_SAVE_AND_APPLY): Buffer {
  return encodeMessage([
    { field: 1, uint: saveAction },
    { field: 2, message: power(watt) },
  ]);
}

export function decodeSetPowerTargetRequest(
  body: Buffer,
): { saveAction: number; powerTargetW: number | undefined } | undefined {
  const m = decodeMessage(body);
  if (!m.ok) return undefined;
  return {
    saveAction: Number(getUint(m.fields, 1) ?? 0n),
    powerTargetW: decodePower(getBytes(m.fields, 2)),
  };
}

export function encodeSetPowerTargetResponse(watt: number): Buffer {
  return encodeMessage([{ field: 1, message: power(watt) }]);
}

export function decodeSetPowerTargetResponse(body: Buffer): { powerTargetW: number | undefined } | undefined {
  const m = decodeMessage(body);
  if (!m.ok) return undefined;
  return { powerTargetW: decodePower(getBytes(m.fields, 1)) };
}

/** gRPC length-prefixed message: 1 byte compressed flag (0), 4 bytes big-endian length, message. */
export function frameGrpc(message: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt8(0, 0);
  head.writeUInt32BE(message.length, 1);
  return Buffer.concat([head, message]);
}

export type Unframed = { ok: true; message: Buffer } | { ok: false; error: string };

/** The first (unary calls have one) message of a gRPC body; compressed messages are refused. */
export function unframeGrpc(body: Buffer): Unframed {
  if (body.length < 5) return { ok: false, error: `gRPC body of ${body.length} bytes has no message header` };
  if (body[0] !== 0) return { ok: false, error: 'compressed gRPC message (no encoding was negotiated)' };
  const len = body.readUInt32BE(1);
  if (body.length < 5 + len)
    return { ok: false, error: `gRPC message truncated: ${body.length - 5} of ${len} bytes` };
  return { ok: true, message: body.subarray(5, 5 + len) };
}

/** gRPC status codes the client tells apart (https://grpc.io/docs/guides/status-codes/). */
export const GRPC_STATUS = {
  OK: 0,
  INVALID_ARGUMENT: 3,
  PERMISSION_DENIED: 7,
  UNIMPLEMENTED: 12,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/** grpc-message is percent-encoded (gRPC over HTTP/2 spec). */
export function decodeGrpcMessage(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function encodeGrpcMessage(text: string): string {
  return text.replace(/[^\x20-\x24\x26-\x7e]/g, (c) =>
    [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}
