import { raw } from '../db/raw';

/** Hashrate as % of nameplate for hashing devices (NULL for GPU nodes); needs `m` and `l` aliases. */
export const HASHRATE_PCT = raw(
  "CASE WHEN m.class <> 'gpu' AND m.nominal_hashrate_ths > 0 THEN 100.0 * l.hashrate_ths / m.nominal_hashrate_ths END",
);
