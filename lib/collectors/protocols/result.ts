import type { ReportedStatus } from '../../telemetry/metrics';

/** Why a reply could not be turned into a reading. Callers map kinds to device states and UI text. */
export type ParseErrorKind =
  | 'empty'
  | 'not_json'
  | 'truncated'
  | 'device_error'
  | 'access_denied'
  | 'api_key_required'
  | 'unauthorized_network'
  | 'miner_down'
  | 'html'
  | 'no_data';

export type ParseError = { kind: ParseErrorKind; message: string; code?: number };

export type Parsed<T> = { ok: true; value: T; flags: string[] } | { ok: false; error: ParseError };

export function ok<T>(value: T, flags: string[] = []): Parsed<T> {
  return { ok: true, value, flags };
}

export function fail<T = never>(kind: ParseErrorKind, message: string, code?: number): Parsed<T> {
  return { ok: false, error: code === undefined ? { kind, message } : { kind, message, code } };
}

/**
 * One poll's result in canonical units (TH/s, W, °C, GB), shaped like a telemetry sample without
 * its device id so it can go through the ingest path unchanged.
 */
export type Reading = {
  ts: number;
  hashrateThs?: number;
  powerW?: number;
  chipTempC?: number;
  boardTempC?: number;
  inletTempC?: number;
  fanRpm?: number;
  acceptedShares?: number;
  rejectedShares?: number;
  hwErrors?: number;
  gpuUtilPct?: number;
  gpuMemUsedGb?: number;
  gpuTempC?: number;
  status?: ReportedStatus;
  poolUrl?: string;
};

/** Runs a parser and turns anything it throws into a typed error: parsers never throw out. */
export function guarded<T>(fn: () => Parsed<T>): Parsed<T> {
  try {
    return fn();
  } catch (err) {
    return fail('not_json', `parser failure: ${err instanceof Error ? err.message : String(err)}`);
  }
}
