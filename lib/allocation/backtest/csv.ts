import type { PolicyResult } from './replay';

/**
 * The backtest's CSV downloads. "results": one row per policy with its totals over the window;
 * "cumulative": one row per point of the cumulative profit series, one column per policy.
 */

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

const r2 = (x: number) => Math.round(x * 100) / 100;

export function backtestCsv(results: PolicyResult[], what: 'results' | 'cumulative'): string {
  if (what === 'results') {
    const head = [
      'policy',
      'profit_usd',
      'revenue_usd',
      'mining_revenue_usd',
      'ai_revenue_usd',
      'energy_cost_usd',
      'switch_cost_usd',
      'mwh',
      'curtailed_hours',
      'curtailed_device_hours',
      // Miner-hours the policy would have run but the site's power cap did not allow (results
      // stored before the field existed read 0).
      'cap_shed_device_hours',
      'switches',
      'over_cap_hours',
      'hours',
    ];
    const lines = results.map((r) =>
      [
        r.label,
        r2(r.profitUsd),
        r2(r.revenueUsd),
        r2(r.miningRevenueUsd),
        r2(r.aiRevenueUsd),
        r2(r.energyCostUsd),
        r2(r.switchCostUsd),
        Math.round(r.mwh * 1000) / 1000,
        r.curtailedHours,
        r.curtailedDeviceHours,
        r.capShedDeviceHours ?? 0,
        r.switches,
        r.overCapHours ?? 0,
        r.hours,
      ]
        .map(csvCell)
        .join(','),
    );
    return `${[head.join(','), ...lines].join('\n')}\n`;
  }
  const head = ['ts', ...results.map((r) => `${r.label} cumulative_profit_usd`)];
  const n = results[0]?.cumulative.length ?? 0;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(
      [
        new Date(results[0]!.cumulative[i]!.ts).toISOString(),
        ...results.map((r) => r2(r.cumulative[i]?.profitUsd ?? 0)),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${[head.map(csvCell).join(','), ...lines].join('\n')}\n`;
}
