/**
 * The PostgreSQL advisory-lock key of every background job, in one list so that two jobs can never
 * share a key (one would silently skip while the other runs). Keys are stored nowhere: changing one
 * only matters while instances of two versions run side by side.
 */
export const JOB_LOCK_KEYS = {
  latest: 1,
  status: 2,
  rollups: 3,
  retention: 4,
  simulator: 10,
  marketNetwork: 20,
  marketBtc: 21,
  marketElectricity: 22,
  marketGpu: 23,
  alerts: 30,
  alertsNotify: 31,
  webhooks: 37,
  /** Monthly tenant statements (lib/reports/statements.ts). */
  statements: 38,
  /** Automatic allocation mode (lib/allocation/plans/auto.ts). */
  allocation: 35,
  allocationBacktests: 36,
  /** AI job executor i (lib/workloads/executors) takes executorsFrom + i: keep the range below free. */
  executorsFrom: 40,
} as const;
