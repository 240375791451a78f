import { describe, expect, it } from 'vitest';
import { type SwarmDeviceInput, soloOdds, summariseSwarm } from './summarise';

const device = (over: Partial<SwarmDeviceInput>): SwarmDeviceInput => ({
  id: 1,
  name: 'bitaxe-1',
  vendor: 'Bitaxe',
  model: 'Bitaxe Gamma',
  protocol: 'axeos',
  host: '10.0.0.5',
  status: 'online',
  hashrateThs: 1.2,
  acceptedShares: 100,
  rejectedShares: 1,
  bestDiffSession: 81e6,
  bestDiffAllTime: 4.29e9,
  firmware: 'AxeOS v2.15.0',
  lastSeenAt: null,
  ...over,
});

describe('soloOdds (economics reference §1.3, D = 150 T)', () => {
  it('a Bitaxe Gamma at 1.2 TH/s: about 1.6e-7 per day, a block per ~17,000 years', () => {
    const odds = soloOdds(1.2, 150e12);
    expect(odds.perDay).toBeCloseTo(1.6e-7, 8);
    expect(odds.expectedYears).toBeGreaterThan(16_000);
    expect(odds.expectedYears).toBeLessThan(18_000);
    expect(odds.perYear).toBeCloseTo(1 - Math.exp(-odds.perDay * 365.25), 9);
  });
});

describe('summariseSwarm', () => {
  const swarm = summariseSwarm(
    [
      device({ id: 1 }),
      device({ id: 2, name: 'bitaxe-2', bestDiffAllTime: 9e9, bestDiffSession: 2e6, acceptedShares: 50 }),
      device({ id: 3, name: 'old', firmware: 'AxeOS v2.4.5', hashrateThs: 0, bestDiffAllTime: null }),
      device({
        id: 4,
        name: 'nerdminer',
        vendor: 'BitMaker',
        model: 'NerdMiner v2',
        protocol: 'push',
        hashrateThs: 7e-8,
        acceptedShares: null,
        rejectedShares: null,
        bestDiffSession: null,
        bestDiffAllTime: null,
        firmware: null,
      }),
    ],
    150e12,
  );

  it('sums hashrate and shares, takes the best difficulties across the swarm', () => {
    expect(swarm.totals).toMatchObject({
      devices: 4,
      hashing: 3,
      acceptedShares: 250,
      rejectedShares: 3,
      bestDiffAllTime: 9e9,
      bestDiffSession: 81e6,
      bestDeviceId: 2,
    });
    expect(swarm.totals.hashrateThs).toBeCloseTo(2.4 + 7e-8, 12);
  });

  it('gives swarm and per-device odds at the current difficulty; none without hashrate', () => {
    expect(swarm.odds?.perDay).toBeCloseTo(soloOdds(2.4 + 7e-8, 150e12).perDay, 15);
    expect(swarm.devices[0]?.soloOddsPerDay).toBeCloseTo(soloOdds(1.2, 150e12).perDay, 15);
    expect(swarm.devices[2]?.soloOddsPerDay).toBeNull();
    expect(swarm.devices[3]?.soloOddsPerDay).toBeGreaterThan(0);
  });

  it('says which devices are push-only and counts firmware versions', () => {
    expect(swarm.devices.map((d) => d.source)).toEqual(['local_api', 'local_api', 'local_api', 'push_only']);
    expect(swarm.pushOnly).toBe(1);
    expect(swarm.firmware).toEqual([
      { firmware: 'AxeOS v2.15.0', count: 2 },
      { firmware: 'AxeOS v2.4.5', count: 1 },
      { firmware: 'unknown (push only)', count: 1 },
    ]);
  });

  it('has no odds without a network difficulty', () => {
    const s = summariseSwarm([device({})], null);
    expect(s.odds).toBeNull();
    expect(s.devices[0]?.soloOddsPerDay).toBeNull();
  });
});
