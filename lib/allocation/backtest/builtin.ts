import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BtcDaily, type HourlyPrices, parseBuiltinBtc, parseDailyRowsEur } from './series';

/**
 * The real series shipped in data/backtest/ (licences and attribution in data/backtest/SOURCES.md),
 * read once per process. Electricity is EUR/MWh on disk, converted at the given USD per EUR.
 */

export const BUILTIN_ELECTRICITY = 'se3-2023-2024';
export const BUILTIN_BITCOIN = 'btc-daily-2023-2024';

export const BUILTIN_ATTRIBUTION = {
  [BUILTIN_ELECTRICITY]:
    'SE3 day-ahead prices: Source: Energinet (www.energidataservice.dk), CC BY 4.0; modified (subset, reformatted).',
  [BUILTIN_BITCOIN]:
    'Difficulty and fees: Diego R. Llanos, Open Bitcoin Metrics (OBM) v0.1.0, CC BY 4.0; modified. ' +
    'BTC/USD: Zielak (mczielinski), Bitcoin Historical Data, Kaggle, CC BY-SA 4.0, via ff137/bitstamp-btcusd-minute-data ' +
    'and alessiostomeo/btc-cycle-data; modified (subset, close only).',
} as const;

const dir = () => join(process.cwd(), 'data', 'backtest');
const read = (name: string) => readFileSync(join(dir(), name), 'utf8');

let eurText: string | undefined;
const electricity = new Map<number, HourlyPrices>();
let btc: BtcDaily | undefined;

export function builtinElectricity(eurUsd: number): HourlyPrices {
  let prices = electricity.get(eurUsd);
  if (!prices) {
    eurText ??= read('se3-2023-2024-eur-per-mwh.csv');
    prices = parseDailyRowsEur(eurText, eurUsd);
    electricity.clear();
    electricity.set(eurUsd, prices);
  }
  return prices;
}

export function builtinBitcoin(): BtcDaily {
  btc ??= parseBuiltinBtc(
    read('btc-chain-daily-2023-2024.csv'),
    read('btc-usd-daily-bitstamp-2023-2024.csv'),
  );
  return btc;
}
