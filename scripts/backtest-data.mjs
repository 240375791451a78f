// Rebuilds data/backtest/ from the provenance-checked files in ../shared/data (see data/backtest/SOURCES.md):
//   node scripts/backtest-data.mjs [path/to/shared/data]
// Electricity: SE3 hourly EUR/MWh, one UTC day per row (24 columns, empty where the source has no hour).
// Bitcoin: two files kept apart because their licences differ (CC BY 4.0 vs CC BY-SA 4.0).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const src = process.argv[2] ?? join(import.meta.dirname, '../../shared/data');
const out = join(import.meta.dirname, '../data/backtest');
mkdirSync(out, { recursive: true });

const raw = readFileSync(join(src, 'energinet_elspotprices_SE3_SE4_2023-2024_raw.csv'), 'utf8')
  .trim()
  .split(/\r?\n/);
const days = new Map();
for (const line of raw.slice(1)) {
  const [hourUtc, , area, , eur] = line.split(';');
  if (area !== 'SE3') continue;
  const date = hourUtc.slice(0, 10);
  const hour = Number(hourUtc.slice(11, 13));
  if (!days.has(date)) days.set(date, new Array(24).fill(''));
  const value = Number(eur.replace(',', '.'));
  days.get(date)[hour] = String(Math.round(value * 100) / 100);
}
const header = ['date_utc', ...Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, '0')}`)];
const rows = [...days.keys()].sort().map((d) => [d, ...days.get(d)].join(','));
writeFileSync(join(out, 'se3-2023-2024-eur-per-mwh.csv'), `${header.join(',')}\n${rows.join('\n')}\n`);

const chain = readFileSync(join(src, 'btc_chain_daily_2023_2024.csv'), 'utf8').trim().split(/\r?\n/);
const chainOut = ['date,blocks,difficulty,fees_btc_per_block,subsidy_btc_total'];
for (const line of chain.slice(1)) {
  const [date, blocks, difficulty, , feesPerBlock, subsidy] = line.split(',');
  chainOut.push([date, blocks, difficulty, feesPerBlock, subsidy].join(','));
}
writeFileSync(join(out, 'btc-chain-daily-2023-2024.csv'), `${chainOut.join('\n')}\n`);

const usd = readFileSync(join(src, 'btc_usd_daily_bitstamp_2023_2024.csv'), 'utf8').trim().split(/\r?\n/);
const usdOut = ['date,btc_usd_close'];
for (const line of usd.slice(1)) {
  const [date, close] = line.split(',');
  usdOut.push([date, close].join(','));
}
writeFileSync(join(out, 'btc-usd-daily-bitstamp-2023-2024.csv'), `${usdOut.join('\n')}\n`);
console.log(`se3 days=${rows.length} chain days=${chainOut.length - 1} usd days=${usdOut.length - 1}`);
