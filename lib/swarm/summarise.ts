// The micro-miner swarm of one site in one pane: best difficulties, shares, solo-block odds at the
// current network difficulty (economics reference §1.3), firmware versions. Pure.
import { expectedYearsToBlock, soloBlockProbability } from '../economics/hashprice';

export type SwarmDeviceInput = {
  id: number;
  name: string;
  vendor: string;
  model: string;
  protocol: string;
  host: string | null;
  status: string;
  hashrateThs: number | null;
  acceptedShares: number | null;
  rejectedShares: number | null;
  bestDiffSession: number | null;
  bestDiffAllTime: number | null;
  firmware: string | null;
  lastSeenAt: string | null;
};

/**
 * Where a device's figures come from. AxeOS answers polls (best difficulty, firmware); NerdMiner
 * has no local API at all (reference §2.5): only what it pushes, or pool-side statistics.
 */
export type SwarmSource = 'local_api' | 'push_only';

export type SwarmDevice = SwarmDeviceInput & {
  source: SwarmSource;
  soloOddsPerDay: number | null;
  soloOddsPerYear: number | null;
};

export type SwarmOdds = { perDay: number; perYear: number; expectedYears: number };

export type Swarm = {
  devices: SwarmDevice[];
  totals: {
    devices: number;
    hashing: number;
    hashrateThs: number;
    acceptedShares: number;
    rejectedShares: number;
    bestDiffSession: number | null;
    bestDiffAllTime: number | null;
    /** Device holding the best all-time difficulty. */
    bestDeviceId: number | null;
  };
  /** Null without a known network difficulty. */
  difficulty: number | null;
  odds: SwarmOdds | null;
  firmware: { firmware: string; count: number }[];
  pushOnly: number;
};

const DAY_S = 86_400;
const YEAR_S = 365.25 * DAY_S;

export function soloOdds(hashrateThs: number, difficulty: number): SwarmOdds {
  return {
    perDay: soloBlockProbability({ hashrateThs, difficulty, durationS: DAY_S }),
    perYear: soloBlockProbability({ hashrateThs, difficulty, durationS: YEAR_S }),
    expectedYears: expectedYearsToBlock({ hashrateThs, difficulty }),
  };
}

const maxOf = (values: (number | null)[]) => {
  const xs = values.filter((v): v is number => v !== null);
  return xs.length ? Math.max(...xs) : null;
};

export function summariseSwarm(inputs: readonly SwarmDeviceInput[], difficulty: number | null): Swarm {
  const devices: SwarmDevice[] = inputs.map((d) => {
    const hr = d.hashrateThs ?? 0;
    const odds = difficulty && hr > 0 ? soloOdds(hr, difficulty) : null;
    return {
      ...d,
      source: d.protocol === 'push' ? 'push_only' : 'local_api',
      soloOddsPerDay: odds?.perDay ?? null,
      soloOddsPerYear: odds?.perYear ?? null,
    };
  });
  const hashrateThs = devices.reduce((s, d) => s + (d.hashrateThs ?? 0), 0);
  const bestDiffAllTime = maxOf(devices.map((d) => d.bestDiffAllTime));
  const counts = new Map<string, number>();
  for (const d of devices) {
    const key = d.firmware ?? (d.source === 'push_only' ? 'unknown (push only)' : 'unknown (not polled yet)');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return {
    devices,
    totals: {
      devices: devices.length,
      hashing: devices.filter((d) => (d.hashrateThs ?? 0) > 0).length,
      hashrateThs,
      acceptedShares: devices.reduce((s, d) => s + (d.acceptedShares ?? 0), 0),
      rejectedShares: devices.reduce((s, d) => s + (d.rejectedShares ?? 0), 0),
      bestDiffSession: maxOf(devices.map((d) => d.bestDiffSession)),
      bestDiffAllTime,
      bestDeviceId:
        bestDiffAllTime === null
          ? null
          : (devices.find((d) => d.bestDiffAllTime === bestDiffAllTime)?.id ?? null),
    },
    difficulty,
    odds: difficulty && hashrateThs > 0 ? soloOdds(hashrateThs, difficulty) : null,
    firmware: [...counts]
      .map(([firmware, count]) => ({ firmware, count }))
      .sort((a, b) => b.count - a.count || a.firmware.localeCompare(b.firmware)),
    pushOnly: devices.filter((d) => d.source === 'push_only').length,
  };
}
