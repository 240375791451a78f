import { hashUnit } from '../random';

/**
 * The state of one fake miner: what its API reports and what actions change. Time is passed in
 * (epoch ms), so replies are a pure function of (state, now) and tests can pin them.
 */
export type FakePool = { url: string; user: string };

export type MinerState = {
  seed: number;
  nominalThs: number;
  nominalPowerW: number;
  powerTargetW: number;
  paused: boolean;
  pools: FakePool[];
  activePool: number;
  bootAtMs: number;
  /** Every restart bumps it; counters restart with the miner process. */
  restarts: number;
  /** Every pool connection lost: each pool reports `Status: "Dead"`, none stratum-active. */
  poolsDead?: boolean;
};

export function newMinerState(
  seed: number,
  nominalThs: number,
  nominalPowerW: number,
  nowMs: number,
): MinerState {
  return {
    seed,
    nominalThs,
    nominalPowerW,
    powerTargetW: nominalPowerW,
    paused: false,
    pools: [
      { url: 'stratum+tcp://pool.example.com:3333', user: `acct.rig${seed}` },
      { url: 'stratum+tcp://backup.example.com:3333', user: `acct.rig${seed}` },
    ],
    activePool: 0,
    bootAtMs: nowMs - 3_600_000 - (seed % 1000) * 1000,
    restarts: 0,
  };
}

/** Deterministic ±1 % wobble per 5 s so successive polls differ like real readings. */
function wobble(seed: number, nowMs: number): number {
  return 1 + (hashUnit(seed, Math.floor(nowMs / 5000)) - 0.5) * 0.02;
}

export type MinerFigures = {
  hashrateThs: number;
  powerW: number;
  chipTempC: number;
  boardTempC: number;
  inletTempC: number;
  fanRpm: number;
  elapsedS: number;
  accepted: number;
  rejected: number;
  hwErrors: number;
};

/** What the miner "measures" now. Hashrate follows the power target sub-linearly, as tuned ASICs do. */
export function figures(state: MinerState, nowMs: number): MinerFigures {
  const elapsedS = Math.max(1, Math.floor((nowMs - state.bootAtMs) / 1000));
  const load = state.paused ? 0 : Math.min(1.3, state.powerTargetW / state.nominalPowerW);
  const w = wobble(state.seed, nowMs);
  const hashrateThs = state.paused ? 0 : state.nominalThs * load ** 0.8 * w;
  const powerW = state.paused ? state.nominalPowerW * 0.03 : state.powerTargetW * w;
  const inletTempC = 25;
  const boardTempC = inletTempC + 35 * load * w;
  const accepted = Math.floor((elapsedS * hashrateThs) / 50);
  return {
    hashrateThs,
    powerW,
    chipTempC: boardTempC + 12 * load,
    boardTempC,
    inletTempC,
    fanRpm: state.paused ? 1200 : 3000 + 2500 * load,
    elapsedS,
    accepted,
    rejected: Math.floor(accepted / 400),
    hwErrors: Math.floor(elapsedS / 97),
  };
}

export function restart(state: MinerState, nowMs: number): void {
  state.bootAtMs = nowMs;
  state.restarts++;
}
