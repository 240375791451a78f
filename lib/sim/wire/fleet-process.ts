import { parseArgs } from 'node:util';
import { mixedFleetSpecs, startFleet } from './fleet';

/**
 * Runs a fake fleet in its own process (so a benchmark's poller CPU is measured alone) and prints
 * one `READY <json>` line with the endpoints; exits when stdin closes or on SIGTERM.
 * Usage: tsx lib/sim/wire/fleet-process.ts --cgminer 5000 --axeos 5000
 */
const { values } = parseArgs({
  options: { cgminer: { type: 'string', default: '50' }, axeos: { type: 'string', default: '50' } },
});
const fleet = await startFleet(mixedFleetSpecs(Number(values.cgminer), Number(values.axeos)));
process.stdout.write(`READY ${JSON.stringify(fleet.devices)}\n`);
const stop = async () => {
  await fleet.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
