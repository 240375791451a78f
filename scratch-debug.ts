import { builtinBitcoin, builtinElectricity } from '/work/wt/backtest/lib/allocation/backtest/builtin';
import { runBacktest } from '/work/wt/backtest/lib/allocation/backtest/replay';
import { buildSeries } from '/work/wt/backtest/lib/allocation/backtest/series';
import { input, miners, site, S21 } from '/work/wt/backtest/lib/allocation/testing/fixtures';
const s = buildSeries(Date.parse('2024-01-08T00:00:00Z'), Date.parse('2024-01-10T00:00:00Z'), builtinElectricity(1.08), builtinBitcoin());
console.log(s.priceUsdPerMwh.map(Math.round).join(' '));
console.log(s.hashpriceUsdPerPhDay[0], s.hashpriceUsdPerPhDay[30]);
const base = input({ sites: [site('a', [0], { pue: 1.05, poolFeePct: 2 })], devices: miners('m', 'a', S21, 4, { kind: 'off', sinceMin: 600 }),
  hysteresis: { asic: { minOnMin: 60, minOffMin: 60, switchCostUsd: 0.5 }, micro: { minOnMin: 0, minOffMin: 0, switchCostUsd: 0 } } });
for (const r of runBacktest(base, s, [{ kind: 'always-mine' }, { kind: 'optimizer', lookahead: true }, { kind: 'optimizer', lookahead: false }]))
  console.log(r.label, r.profitUsd.toFixed(2), r.curtailedHours, r.switches, r.mwh.toFixed(3));
