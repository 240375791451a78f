// npm run bench:collector [-- --devices 10000 --axeos-share 0.5 --concurrency 500 --timeout-ms 5000 --cycles 2]
// One collector poll cycle over 10,000 fake devices on loopback (DESIGN.md §8): cgminer-family TCP
// (every variant and quirk of lib/sim/wire) and AxeOS HTTP. The fakes run in a child process so
// only the poller's CPU is counted here. Not a pass/fail test: it prints figures and saves them.
import { execSync, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { DeviceSession, PollTarget } from '../lib/collectors/clients/collect';
import { pollCycle } from '../lib/collectors/poller';
import type { FleetDevice } from '../lib/sim/wire/fleet';
import { type Figures, machineInfo, printFigures, processCpuMs, round, saveResults } from './harness/report';

const { values: args } = parseArgs({
  options: {
    devices: { type: 'string', default: '10000' },
    'axeos-share': { type: 'string', default: '0.5' },
    concurrency: { type: 'string', default: '500' },
    'timeout-ms': { type: 'string', default: '5000' },
    cycles: { type: 'string', default: '2' },
  },
});
const devices = Number(args.devices);
const axeos = Math.round(devices * Number(args['axeos-share']));
const concurrency = Number(args.concurrency);
const timeoutMs = Number(args['timeout-ms']);
const cycles = Math.max(1, Number(args.cycles));
const INTERVAL_S = 30;

// Each fake listener is a file descriptor in the fleet process, each in-flight poll one on both sides.
const fdLimit = Number(execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim());
if (Number.isFinite(fdLimit) && fdLimit < devices + 2 * concurrency + 200) {
  console.error(`ulimit -n is ${fdLimit}: too low for ${devices} fakes at concurrency ${concurrency}`);
  process.exit(1);
}

async function startFleetProcess(): Promise<{ devices: FleetDevice[]; pid: number; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(import.meta.dirname, '../lib/sim/wire/fleet-process.ts'),
      '--cgminer',
      String(devices - axeos),
      '--axeos',
      String(axeos),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    if (line.startsWith('READY ')) {
      return {
        devices: JSON.parse(line.slice(6)) as FleetDevice[],
        pid: child.pid!,
        stop: () => child.kill('SIGTERM'),
      };
    }
  }
  throw new Error('fleet process exited before it was ready');
}

console.log(
  `Starting ${devices} fake devices (${devices - axeos} cgminer TCP, ${axeos} AxeOS HTTP) in a child process…`,
);
const t0 = performance.now();
const fleet = await startFleetProcess();
console.log(`  ready in ${round((performance.now() - t0) / 1000)} s`);
const targets: PollTarget[] = fleet.devices.map((d) => ({
  id: d.index + 1,
  protocol: d.protocol,
  host: d.host,
  port: d.port,
}));
const sessions = new Map<number, DeviceSession>();
const runs: Figures[] = [];
try {
  for (let c = 1; c <= cycles; c++) {
    const cpu0 = process.cpuUsage();
    const fakeCpu0 = processCpuMs(fleet.pid);
    const start = performance.now();
    const outcomes = await pollCycle(targets, { concurrency, timeoutMs, now: Date.now, sessions });
    const cycleS = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const errors: Record<string, number> = {};
    for (const o of outcomes)
      if (!o.result.ok) errors[o.result.error.kind] = (errors[o.result.error.kind] ?? 0) + 1;
    const durations = outcomes.map((o) => o.durationMs).sort((a, b) => a - b);
    const run = {
      cycle: c,
      cycleS,
      cpuS,
      cpuCoresDuringCycle: cpuS / cycleS,
      cpuCoresOverInterval: cpuS / Math.max(INTERVAL_S, cycleS),
      fakeFleetCpuS: (processCpuMs(fleet.pid) - fakeCpu0) / 1000,
      errors: Object.values(errors).reduce((a, b) => a + b, 0),
      errorKinds: JSON.stringify(errors),
      p50DeviceMs: durations[Math.floor(durations.length * 0.5)] ?? 0,
      p99DeviceMs: durations[Math.floor(durations.length * 0.99)] ?? 0,
    };
    runs.push(run);
    console.log(
      `cycle ${c}${c === 1 ? ' (cold: identifies every miner first)' : ''}: ${round(cycleS)} s, poller CPU ${round(cpuS)} s ` +
        `(${round(run.cpuCoresDuringCycle)} cores while polling, ${round(run.cpuCoresOverInterval)} averaged over a ${INTERVAL_S} s interval), ` +
        `fakes CPU ${round(run.fakeFleetCpuS)} s, per-device p50 ${round(run.p50DeviceMs)} ms / p99 ${round(run.p99DeviceMs)} ms, errors ${run.errors} ${run.errorKinds}`,
    );
  }
} finally {
  fleet.stop();
}
const last = runs[runs.length - 1]!;
const figures: Figures = {
  collector_devices: devices,
  collector_concurrency: concurrency,
  collector_first_cycle_s: runs[0]!.cycleS as number,
  collector_cycle_s: last.cycleS as number,
  collector_cpu_s_per_cycle: last.cpuS as number,
  collector_cpu_cores: last.cpuCoresDuringCycle as number,
  collector_cpu_cores_per_interval: last.cpuCoresOverInterval as number,
  collector_errors: last.errors as number,
};
console.log(
  `\nSteady-state cycle = the last one (firmware already identified). Machine: ${JSON.stringify(machineInfo())}`,
);
console.log(`Saved ${saveResults('collector', { machine: machineInfo(), args, runs, figures })}`);
printFigures(figures);
