import { describe, expect, it } from 'vitest';
import { simulatedCapabilities } from './device-capabilities';
import { fromResult, splitStratumUrl } from './send';

describe('send outcomes', () => {
  it.each([
    [{ ok: true as const, message: 'Paused' }, { kind: 'sent' }],
    [
      {
        ok: false as const,
        error: { kind: 'access_denied' as const, message: "Access denied to 'restart'", code: 45 },
      },
      { kind: 'refused', reasonKind: 'write_refused', reason: expect.stringContaining('Code 45') },
    ],
    [
      { ok: false as const, error: { kind: 'api_key_required' as const, message: 'needs key' } },
      { kind: 'refused', reasonKind: 'api_key_required' },
    ],
    [
      { ok: false as const, error: { kind: 'timeout' as const, message: 'no reply' } },
      { kind: 'failed', reasonKind: 'timeout' },
    ],
    [
      { ok: false as const, error: { kind: 'refused' as const, message: 'ECONNREFUSED' } },
      { kind: 'failed', reasonKind: 'refused' },
    ],
  ])('%o → %o', (result, outcome) => {
    expect(fromResult(result)).toMatchObject(outcome);
  });

  it('splits stratum URLs for AxeOS', () => {
    expect(splitStratumUrl('stratum+tcp://pool.example:3333')).toEqual({ host: 'pool.example', port: 3333 });
    expect(splitStratumUrl('stratum+ssl://a.b:443/x')).toEqual({ host: 'a.b', port: 443 });
    expect(splitStratumUrl('pool.example')).toBeUndefined();
  });

  it('simulated devices offer what the simulator obeys; a GPU server has no pool', () => {
    expect(simulatedCapabilities('asic').actions.switchPool.supported).toBe(true);
    expect(simulatedCapabilities('gpu').actions.switchPool.supported).toBe(false);
    expect(simulatedCapabilities('gpu').actions.pause.supported).toBe(true);
  });
});
