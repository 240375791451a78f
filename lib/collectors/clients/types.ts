import type { ParseErrorKind, Reading } from '../protocols/result';

export type TransportErrorKind = 'timeout' | 'refused' | 'reset' | 'network' | 'too_large';

/** Why a poll or an action failed; `kind` is stable for the UI, `message` is for humans. */
export type CollectError = {
  kind:
    | ParseErrorKind
    | TransportErrorKind
    | 'not_supported'
    /** A write needs the device's login or admin password, and none is stored. */
    | 'credentials_required'
    /** The device refused the stored login or password (wrong password, bad token). */
    | 'credentials_rejected';
  message: string;
  code?: number;
};

export type Endpoint = { host: string; port: number };

export type CollectResult =
  | { ok: true; reading: Reading; flags: string[]; details: Record<string, unknown> }
  | { ok: false; error: CollectError };

export type ActionResult = { ok: true; message: string } | { ok: false; error: CollectError };

/** Milliseconds left before a poll's deadline (a monotonic `performance.now()` value). */
export function remainingMs(deadline: number): number {
  return Math.max(0, deadline - performance.now());
}
