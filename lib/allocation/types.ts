/**
 * Inputs and outputs of the allocation engine. Everything is plain data so the same engine runs on
 * the server, in the backtest and in the browser; adapters that read the database build these.
 * Time is counted in intervals of `intervalMin` from the start of the horizon (interval 0 is the
 * next one): the engine never reads a clock.
 */

export type MinerClass = 'asic' | 'micro';
export type DeviceClass = MinerClass | 'gpu';

export type PowerProfile = { powerW: number; hashrateThs: number };

export type MinerModel = {
  modelId: string;
  /** Shown in reasons ("this S19j Pro"). */
  name: string;
  class: MinerClass;
  /** ASICs choose among these; micro-miners are on (at the nominal profile) or off. */
  profiles: PowerProfile[];
  /** Index of the nameplate point in `profiles`. */
  nominalIndex: number;
};

export type GpuServerModel = {
  modelId: string;
  name: string;
  gpuModel: string;
  gpuCount: number;
  gpuMemoryGb: number;
  /** Whole node at the wall with every GPU busy (CPU, NIC and fans included). */
  busyPowerW: number;
  /** Whole node at the wall with every GPU idle. */
  idlePowerW: number;
};

export type AllocationSite = {
  siteId: string;
  name: string;
  capacityKw: number;
  pue: number;
  /** One price per interval of the horizon. */
  priceUsdPerMwh: number[];
  /** False: the contract does not let this site shed load, so mining devices are never switched off. */
  curtailable: boolean;
  firmPower: boolean;
  poolFeePct: number;
  /** Guardrail: at most this share of the site's devices change on/off state in one interval. */
  maxSwitchPct: number;
  /** Guardrail: intervals in which no device at this site changes on/off state. */
  quietIntervals: number[];
  /** False: GPU rental is switched off at this site (spare GPUs stay idle). Default true. */
  rentalEnabled?: boolean;
};

/** What a device does now; `sinceMin` is how long it has been in that on/off state. */
export type CurrentState =
  | { kind: 'mine'; powerW: number; sinceMin: number }
  | { kind: 'off'; sinceMin: number }
  | { kind: 'gpu'; rentedGpus: number };

export type AllocationDevice = {
  deviceId: string;
  siteId: string;
  modelId: string;
  state: CurrentState;
  /** Maintenance devices keep what they do and draw `state` power; the engine never touches them. */
  maintenance: boolean;
};

export type AllocationJob = {
  jobId: string;
  gpuCount: number;
  /** Either a GPU model or a minimum memory per GPU (or both). */
  gpuModel: string | null;
  minGpuMemoryGb: number | null;
  /** Hours of work left. */
  remainingH: number;
  usdPerGpuH: number;
  /** Interval index by whose end the job must be finished; null = no deadline. */
  deadlineInterval: number | null;
  /** Paid when a deadline job is not started in time to meet it; defaults to its revenue. */
  deadlinePenaltyUsd: number | null;
  /** Higher first among jobs of equal value. */
  priority: number;
  preemptible: boolean;
  /** Paid when a running preemptible job is paused. */
  preemptPenaltyUsd: number;
  multiNode: boolean;
  needsFirmPower: boolean;
  /** Where a running job runs now (GPUs per server); null while queued. */
  running: { deviceId: string; gpus: number }[] | null;
};

export type RentalRate = { gpuModel: string; usdPerGpuH: number; utilisation: number };

export type Hysteresis = { minOnMin: number; minOffMin: number; switchCostUsd: number };

export type AllocationInput = {
  /** Start of interval 0, epoch ms (labels the output hours; the engine never reads a clock). */
  startMs: number;
  intervalMin: number;
  intervals: number;
  hashpriceUsdPerPhDay: number;
  sites: AllocationSite[];
  minerModels: MinerModel[];
  gpuModels: GpuServerModel[];
  devices: AllocationDevice[];
  jobs: AllocationJob[];
  rental: RentalRate[];
  /** Per miner class; GPUs have no on/off hysteresis (a rental hour is the unit). */
  hysteresis: Record<MinerClass, Hysteresis>;
  constraints: { holdTimes: boolean; guardrails: boolean };
};

export type MinerSchedule = {
  deviceId: string;
  /** Profile index into the model's `profiles` per interval; -1 = off/curtailed. */
  profileByInterval: number[];
};

export type GpuSchedule = { deviceId: string; rentedByInterval: number[] };

/** A job placement runs from interval 0 for the job's duration (clipped to the horizon). */
export type JobPlacement = { jobId: string; allocations: { deviceId: string; gpus: number }[] };

/** A complete plan over the horizon; maintenance devices are not in it. */
export type Plan = { miners: MinerSchedule[]; gpus: GpuSchedule[]; placements: JobPlacement[] };

export type SolverName = 'heuristic' | 'highs';
