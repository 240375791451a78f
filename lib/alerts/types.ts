// The alerting vocabulary shared by the pure evaluator, the stored rules and the API.

export const DEVICE_METRICS = [
  'hashratePctOfNominal',
  'chipTempC',
  'boardTempC',
  'gpuTempC',
  'fanRpm',
  'powerW',
  'efficiencyJPerTh',
  'gpuXidErrors',
  /** 1 while a cgminer-family miner reports no live pool (connection lost, every pool URL dead), else 0. */
  'poolDown',
  'lastSeenAgeS',
  'status',
] as const;
export const SITE_METRICS = ['sitePriceVsBreakevenUsdPerMwh'] as const;
export const FLEET_METRICS = ['hashpriceUsdPerPhDay'] as const;
export const METRICS = [...DEVICE_METRICS, ...SITE_METRICS, ...FLEET_METRICS] as const;
export type Metric = (typeof METRICS)[number];

export const OPS = ['>', '>=', '<', '<=', '==', '!='] as const;
export type Op = (typeof OPS)[number];

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type Scope = {
  siteId?: number;
  rackId?: number;
  modelId?: number;
  class?: 'asic' | 'micro' | 'gpu';
  deviceIds?: number[];
  tenantId?: number;
};

/**
 * A rule's automatic action (issue #12 §4): curtail on price (and resume when the alert clears),
 * reboot a device whose hashboard died, switch a device whose pool is down to the failover pool.
 */
export const RULE_ACTION_KINDS = ['curtail', 'reboot', 'switchPool'] as const;
export type RuleActionKind = (typeof RULE_ACTION_KINDS)[number];
export type RuleActionSpec = {
  kind: RuleActionKind;
  /** At most this many distinct devices acted on per rolling hour (resumes do not count). */
  maxDevicesPerHour: number;
  /** switchPool: the pool profile to switch to; absent = the next URL of the device's own profile. */
  poolId?: number | null;
};

/**
 * `relativeTo: "modelMaxTempC"` makes the threshold (and clear threshold) an offset from the
 * device model's temperature limit, so one rule covers every model ("over the model's limit").
 */
export type Rule = {
  id: number;
  name: string;
  metric: Metric;
  op: Op;
  threshold: number | string;
  relativeTo?: 'modelMaxTempC' | null;
  forS: number;
  clearThreshold?: number | null;
  cooldownS?: number | null;
  severity: Severity;
  scope: Scope;
  enabled: boolean;
  action?: RuleActionSpec | null;
};

/** What a rule looks at: one device, one site (market metrics) or the fleet (hashprice). */
export type Subject = {
  key: string;
  kind: 'device' | 'site' | 'fleet';
  /** The devices an alert on this subject lists (a site subject: its least efficient running model's). */
  deviceIds: number[];
  siteId: number | null;
  rackId: number | null;
  modelId: number | null;
  class: 'asic' | 'micro' | 'gpu' | null;
  tenantId: number | null;
  modelMaxTempC: number | null;
  /** Curtailed, paused, idle or in maintenance on purpose (assignment or reported status). */
  intentional: boolean;
  values: Partial<Record<Metric, number | string | null>>;
};

export type Silence = {
  id: number;
  ruleId: number | null;
  scope: Scope;
  startsAt: number;
  endsAt: number;
};

/** Per (rule, subject) memory between ticks; absent = the condition does not hold. */
export type Condition = { ruleId: number; subjectKey: string; sinceTs: number; firing: boolean };

export type AlertStatus = 'firing' | 'acknowledged' | 'resolved';

export type AlertMember = {
  subjectKey: string;
  deviceIds: number[];
  firedAt: number;
  clearedAt: number | null;
  value: number | string | null;
  /**
   * A subject whose device list changes while it fires (a site subject lists the devices of its
   * least efficient running model): when each device that joined after `firedAt` joined.
   */
  deviceFiredAt?: Record<number, number>;
  /** Devices that left the member while it kept firing, with their own span (history kept). */
  departed?: { deviceId: number; firedAt: number; clearedAt: number }[];
};

/** An alert as the evaluator sees it: `id` null until stored. */
export type AlertState = {
  id: number | null;
  ruleId: number;
  groupKey: string;
  status: AlertStatus;
  severity: Severity;
  firedAt: number;
  resolvedAt: number | null;
  members: AlertMember[];
};

export type AlertEventKind =
  | 'fired'
  | 'joined'
  | 'cleared'
  | 'resolved'
  | 'reopened'
  /** A device started or stopped matching a member that keeps firing (subjectKey `d:<id>`). */
  | 'device_joined'
  | 'device_left';

export type AlertEvent = {
  /** Index into the tick's `alerts` output. */
  alert: number;
  kind: AlertEventKind;
  ts: number;
  subjectKey?: string;
  value?: number | string | null;
};
