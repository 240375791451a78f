// npm run bench:alerts [-- --devices 10000 --rules 20 --ticks 5]
// One alert evaluation tick (lib/alerts/tick.ts: load latest state, evaluate, write changes) for a
// fleet of `devices` on SQLite, with `rules` rules over every device metric and the site price.
// About 3 % of devices are hot, so the first tick opens alerts and later ticks carry state.
// Rule 2 (hashrate under 80 % of nominal) carries an automatic reboot capped at 100 devices per
// hour, so the ticks include the automatic-action pass (lib/alerts/auto) and its rate limit.
// Prints the first tick, the median steady tick and the pure evaluation alone. Not a pass/fail test.
import { parseArgs } from 'node:util';
import { evaluateTick } from '../lib/alerts/evaluate';
import { loadSubjects } from '../lib/alerts/load-subjects';
import { loadConditions, loadLiveAlerts } from '../lib/alerts/state-store';
import { runAlertsTick } from '../lib/alerts/tick';
import type { Metric, Rule } from '../lib/alerts/types';
import { disconnectDb } from '../lib/db/client';
import { closeRawConnections } from '../lib/db/raw';
import { resetEnvCache } from '../lib/env';
import { createBenchFleet, createSqliteDb, openBenchDb, removeSqliteDb } from './harness/bench-db';
import { machineInfo, printFigures, saveResults } from './harness/report';

const { values: args } = parseArgs({
  options: {
    devices: { type: 'string', default: '10000' },
    rules: { type: 'string', default: '20' },
    ticks: { type: 'string', default: '5' },
  },
});
const DEVICES = Number(args.devices);
const RULES = Number(args.rules);
const TICKS = Number(args.ticks);

const SHAPES: Omit<Rule, 'id' | 'name' | 'enabled' | 'scope'>[] = [
  { metric: 'lastSeenAgeS', op: '>', threshold: 600, forS: 0, severity: 'critical' },
  { metric: 'chipTempC', op: '>', threshold: 0, relativeTo: 'modelMaxTempC', forS: 0, severity: 'critical' },
  {
    metric: 'hashratePctOfNominal',
    op: '<',
    threshold: 80,
    clearThreshold: 85,
    forS: 0,
    severity: 'warning',
  },
  { metric: 'fanRpm', op: '<', threshold: 500, forS: 60, severity: 'critical' },
  { metric: 'gpuXidErrors', op: '>', threshold: 0, forS: 0, severity: 'critical' },
  { metric: 'boardTempC', op: '>', threshold: 80, forS: 120, severity: 'warning' },
  { metric: 'powerW', op: '>', threshold: 3800, forS: 0, severity: 'info' },
  { metric: 'efficiencyJPerTh', op: '>', threshold: 19, forS: 300, severity: 'info' },
  { metric: 'status', op: '==', threshold: 'offline', forS: 0, severity: 'warning' },
  { metric: 'sitePriceVsBreakevenUsdPerMwh', op: '>', threshold: 0, forS: 1800, severity: 'warning' },
];

function ruleRow(i: number, now: number) {
  const s = SHAPES[i % SHAPES.length] as (typeof SHAPES)[number];
  return [
    `bench rule ${i}`,
    s.metric,
    s.op,
    JSON.stringify(i >= SHAPES.length && typeof s.threshold === 'number' ? s.threshold + 1 : s.threshold),
    s.relativeTo ?? null,
    s.forS,
    s.clearThreshold ?? null,
    0,
    s.severity,
    '{}',
    1,
    i === 2 ? JSON.stringify({ kind: 'reboot', maxDevicesPerHour: 100 }) : null,
    now,
    now,
  ];
}

async function main() {
  const sqlite = await createSqliteDb('bench_alerts');
  try {
    const db = openBenchDb(sqlite.url);
    const now = Date.now();
    const fleet = await createBenchFleet(db, DEVICES);
    const latest = fleet.devices.map((d, i) => {
      const hot = i % 33 === 0;
      return d.gpu
        ? [d.id, now - 5_000, null, 9_000, null, null, 60, null, hot ? 'error' : 'ok']
        : [d.id, now - 5_000, hot ? 120 : 200, 3_500, hot ? 95 : 70, 60, hot ? 300 : 5_000, null, 'ok'];
    });
    await db.insertRows(
      'device_latest',
      [
        'device_id',
        'ts',
        'hashrate_ths',
        'power_w',
        'chip_temp_c',
        'board_temp_c',
        'fan_rpm',
        'gpu_temp_c',
        'status',
      ],
      latest,
    );
    await db.insertRows(
      'alert_rule',
      [
        'name',
        'metric',
        'op',
        'threshold',
        'relative_to',
        'for_s',
        'clear_threshold',
        'cooldown_s',
        'severity',
        'scope',
        'enabled',
        'action',
        'created_at',
        'updated_at',
      ],
      Array.from({ length: RULES }, (_, i) => ruleRow(i, now)),
    );
    await db.close();
    process.env.DATABASE_URL = sqlite.url;
    process.env.SWITCHYARD_JOBS = 'off';
    resetEnvCache();

    const t0 = performance.now();
    const first = await runAlertsTick(now);
    const firstMs = performance.now() - t0;
    const steady: number[] = [];
    for (let i = 1; i <= TICKS; i++) {
      const t = performance.now();
      await runAlertsTick(now + i * 30_000);
      steady.push(performance.now() - t);
    }
    steady.sort((a, b) => a - b);
    const medianMs = steady[Math.floor(steady.length / 2)] as number;

    // The pure part alone, on the state the stored ticks left.
    const at = now + (TICKS + 1) * 30_000;
    const metrics = new Set<Metric>(SHAPES.map((s) => s.metric));
    const subjects = await loadSubjects(at, metrics);
    const conditions = await loadConditions();
    const alerts = await loadLiveAlerts(at, 0);
    const { getDb } = await import('../lib/db/client');
    const { ruleFromRow } = await import('../lib/alerts/rules');
    const rules = (await getDb().alertRule.findMany()).map(ruleFromRow);
    const te = performance.now();
    evaluateTick({ now: at, rules, subjects, conditions, alerts, silences: [] });
    const evaluateMs = performance.now() - te;

    console.log(`machine: ${JSON.stringify(machineInfo())}`);
    console.log(
      `SQLite, ${DEVICES} devices × ${RULES} rules, first tick opened ${first.changed} alerts ` +
        `(${first.events} events); ${TICKS} steady ticks, ${conditions.length} conditions carried; ` +
        `automatic reboots first tick: ${first.actions.requested} requested, ${first.actions.rateLimited} held back by the limit, ${first.actions.skipped} skipped`,
    );
    const figures = {
      alerts_devices: DEVICES,
      alerts_rules: RULES,
      alerts_first_tick_ms: firstMs,
      alerts_tick_ms: medianMs,
      alerts_evaluate_only_ms: evaluateMs,
      alerts_rule_actions_first_tick:
        first.actions.requested + first.actions.rateLimited + first.actions.skipped,
    };
    printFigures(figures);
    saveResults('alerts', { machine: machineInfo(), figures });
  } finally {
    await disconnectDb();
    await closeRawConnections();
    removeSqliteDb(sqlite.dir);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
