import { builtinBitcoin, builtinElectricity } from '../lib/allocation/backtest/builtin';
import { type BacktestPolicy, runBacktest } from '../lib/allocation/backtest/replay';
import { buildSeries } from '../lib/allocation/backtest/series';
import { demoAllocationInput } from './allocation-demo';

/**
 * `npm run bench:backtest` (and the tail of bench:allocation): one year hourly (2024, the shipped
 * SE3 and BTC series) for the demo fleet, every policy of the page's default form: always mine,
 * strike $80/MWh with 2 h hold, optimizer with and without day-ahead look-ahead. CPU time of this
 * process, as bench/allocation.ts.
 */
export function benchBacktestYear(): number {
  const series = buildSeries(
    Date.UTC(2024, 0, 1),
    Date.UTC(2025, 0, 1) - 3_600_000,
    builtinElectricity(1.08),
    builtinBitcoin(),
  );
  const policies: BacktestPolicy[] = [
    { kind: 'always-mine' },
    { kind: 'strike', strikeUsdPerMwh: 80, minHoldH: 2 },
    { kind: 'optimizer', lookahead: true },
    { kind: 'optimizer', lookahead: false },
  ];
  const base = demoAllocationInput();
  const perPolicy: string[] = [];
  const c0 = process.cpuUsage();
  for (const p of policies) {
    const c = process.cpuUsage();
    const [r] = runBacktest(base, series, [p]);
    const d = process.cpuUsage(c);
    perPolicy.push(
      `  ${r!.label}: ${((d.user + d.system) / 1e6).toFixed(1)} s CPU, profit $${Math.round(r!.profitUsd).toLocaleString('en-US')}, ` +
        `${Math.round(r!.mwh).toLocaleString('en-US')} MWh, ${r!.curtailedHours} curtailed h, ${r!.switches} switches, AI $${Math.round(r!.aiRevenueUsd).toLocaleString('en-US')}`,
    );
  }
  const c = process.cpuUsage(c0);
  const s = (c.user + c.system) / 1e6;
  console.log(
    `backtest of ${series.priceUsdPerMwh.length} hours (2024, SE3 + BTC daily) for the demo fleet (${base.devices.length} devices), ${policies.length} policies: ${s.toFixed(1)} s CPU`,
  );
  for (const line of perPolicy) console.log(line);
  return s;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`backtest_year_s=${benchBacktestYear().toFixed(1)}`);
}
