import { z } from 'zod';
import { TouScheduleSchema } from '../electricity/tou';

/**
 * The market providers the settings UI offers, what each supplies and which settings it needs.
 * Secrets (`type: 'secret'`) must be stored encrypted/masked and never echoed back to the browser.
 */
export type ProviderKind = 'network' | 'btc_usd' | 'electricity' | 'gpu_rates';

export type ConfigField = {
  key: string;
  label: string;
  /** `tou_schedule` is edited in a weekday × hour band table, not a text box. */
  type: 'string' | 'secret' | 'number' | 'select' | 'url' | 'tou_schedule';
  required: boolean;
  min?: number;
  help?: string;
  default?: string | number;
  options?: readonly { value: string; label: string }[];
};

export type ProviderDescriptor = {
  id: string;
  label: string;
  kind: ProviderKind;
  supplies: readonly string[];
  /** False for providers that work offline (simulator, tables, uploads). */
  needsNetwork: boolean;
  configFields: readonly ConfigField[];
  docsUrl?: string;
  licence?: string;
};

export const ENTSOE_AREAS = [
  { value: '10Y1001A1001A44P', label: 'SE1' },
  { value: '10Y1001A1001A45N', label: 'SE2' },
  { value: '10Y1001A1001A46L', label: 'SE3' },
  { value: '10Y1001A1001A47J', label: 'SE4' },
  { value: '10YNO-3--------J', label: 'NO3' },
  { value: '10YDK-1--------W', label: 'DK1' },
  { value: '10YDK-2--------M', label: 'DK2' },
  { value: '10YFI-1--------U', label: 'FI' },
  { value: '10Y1001A1001A82H', label: 'DE-LU' },
] as const;

/** Every networked provider can be pointed at a proxy, a mirror or a self-hosted instance. */
const baseUrl = (defaultUrl: string, label = 'API base URL'): ConfigField => ({
  key: 'baseUrl',
  label,
  type: 'url',
  required: false,
  default: defaultUrl,
  help: 'Change only to go through a proxy or a mirror',
});

const eurUsd: ConfigField = {
  key: 'eurUsd',
  label: 'EUR → USD rate',
  type: 'number',
  required: true,
  min: 0.01,
  default: 1.08,
  help: 'USD per euro, used to convert €/MWh prices',
};

export const MARKET_PROVIDERS: readonly ProviderDescriptor[] = [
  {
    id: 'sim',
    label: 'Simulated market (built in)',
    kind: 'network',
    supplies: [
      'btc_usd',
      'difficulty',
      'fees_btc_per_block',
      'block_height',
      'network_hashrate_ehs',
      'electricity',
      'gpu_rates',
    ],
    needsNetwork: false,
    configFields: [{ key: 'seed', label: 'Random seed', type: 'number', required: false, default: 42 }],
  },
  {
    id: 'mempool',
    label: 'mempool.space',
    kind: 'network',
    supplies: ['difficulty', 'fees_btc_per_block', 'block_height', 'network_hashrate_ehs'],
    needsNetwork: true,
    configFields: [
      {
        key: 'baseUrl',
        label: 'API base URL',
        type: 'url',
        required: false,
        default: 'https://mempool.space/api',
        help: 'Point at a self-hosted mempool instance to avoid public rate limits',
      },
    ],
    docsUrl: 'https://mempool.space/docs/api/rest',
  },
  {
    id: 'coinbase',
    label: 'Coinbase spot',
    kind: 'btc_usd',
    supplies: ['btc_usd'],
    needsNetwork: true,
    configFields: [baseUrl('https://api.coinbase.com')],
  },
  {
    id: 'kraken',
    label: 'Kraken ticker',
    kind: 'btc_usd',
    supplies: ['btc_usd'],
    needsNetwork: true,
    configFields: [baseUrl('https://api.kraken.com')],
  },
  {
    id: 'coingecko',
    label: 'CoinGecko simple price',
    kind: 'btc_usd',
    supplies: ['btc_usd'],
    needsNetwork: true,
    configFields: [
      { key: 'demoApiKey', label: 'Demo API key', type: 'secret', required: false },
      baseUrl('https://api.coingecko.com/api/v3'),
    ],
  },
  {
    id: 'fixed',
    label: 'Fixed tariff',
    kind: 'electricity',
    supplies: ['electricity'],
    needsNetwork: false,
    configFields: [{ key: 'priceUsdPerMwh', label: 'Price ($/MWh)', type: 'number', required: true }],
  },
  {
    id: 'tou',
    label: 'Time-of-use schedule',
    kind: 'electricity',
    supplies: ['electricity'],
    needsNetwork: false,
    configFields: [
      {
        key: 'schedule',
        label: 'Bands (weekday, hours, $/MWh)',
        type: 'tou_schedule',
        required: true,
        help: 'Evaluated in the site time zone',
      },
    ],
  },
  {
    id: 'energi-data-service',
    label: 'Energi Data Service (Energinet) day-ahead',
    kind: 'electricity',
    supplies: ['electricity'],
    needsNetwork: true,
    configFields: [
      {
        key: 'priceArea',
        label: 'Price area',
        type: 'select',
        required: true,
        options: ['DK1', 'DK2', 'SE3', 'SE4', 'NO2', 'DE'].map((v) => ({ value: v, label: v })),
      },
      eurUsd,
      baseUrl('https://api.energidataservice.dk/dataset'),
    ],
    docsUrl: 'https://www.energidataservice.dk/tso-electricity/dayaheadprices',
    licence: 'CC BY 4.0 — Source: Energinet (www.energidataservice.dk)',
  },
  {
    id: 'entsoe',
    label: 'ENTSO-E Transparency day-ahead',
    kind: 'electricity',
    supplies: ['electricity'],
    needsNetwork: true,
    configFields: [
      {
        key: 'securityToken',
        label: 'Security token',
        type: 'secret',
        required: true,
        help: 'Register, then email transparency@entsoe.eu with subject "Restful API access"',
      },
      {
        key: 'areaEic',
        label: 'Bidding zone (EIC code)',
        type: 'select',
        required: true,
        options: ENTSOE_AREAS,
      },
      eurUsd,
      baseUrl('https://web-api.tp.entsoe.eu/api'),
    ],
    docsUrl: 'https://transparency.entsoe.eu/',
  },
  {
    id: 'ercot',
    label: 'ERCOT settlement point prices',
    kind: 'electricity',
    supplies: ['electricity'],
    needsNetwork: true,
    configFields: [
      {
        key: 'subscriptionKey',
        label: 'Subscription key',
        type: 'secret',
        required: true,
        help: 'Primary key from apiexplorer.ercot.com',
      },
      { key: 'username', label: 'ERCOT API username', type: 'string', required: true },
      {
        key: 'password',
        label: 'ERCOT API password',
        type: 'secret',
        required: true,
        help: 'Used to obtain hourly id tokens',
      },
      {
        key: 'settlementPoint',
        label: 'Settlement point',
        type: 'string',
        required: true,
        default: 'HB_NORTH',
        help: 'Hub (HB_*) or load zone (LZ_*)',
      },
      {
        key: 'market',
        label: 'Market',
        type: 'select',
        required: true,
        default: 'DAY_AHEAD_HOURLY',
        options: [
          { value: 'DAY_AHEAD_HOURLY', label: 'Day-ahead, hourly' },
          { value: 'REAL_TIME_15_MIN', label: 'Real-time, 15 min' },
        ],
      },
      baseUrl('https://api.ercot.com/api/public-reports'),
      {
        ...baseUrl(
          'https://ercotb2c.b2clogin.com/ercotb2c.onmicrosoft.com/B2C_1_PUBAPI-ROPC-FLOW/oauth2/v2.0/token',
          'Token endpoint URL',
        ),
        key: 'tokenUrl',
      },
    ],
    docsUrl: 'https://developer.ercot.com/',
  },
  {
    id: 'csv',
    label: 'Uploaded price series (CSV)',
    kind: 'electricity',
    supplies: ['electricity'],
    needsNetwork: false,
    configFields: [
      {
        key: 'timeZone',
        label: 'Time zone of local timestamps',
        type: 'string',
        required: false,
        help: 'Only needed when timestamps have no UTC offset',
      },
    ],
  },
  {
    id: 'gpu-table',
    label: 'GPU rate table',
    kind: 'gpu_rates',
    supplies: ['gpu_rates'],
    needsNetwork: false,
    configFields: [],
  },
];

export function getProviderDescriptor(id: string): ProviderDescriptor | undefined {
  return MARKET_PROVIDERS.find((p) => p.id === id);
}

/** A zod schema for a provider's settings object, derived from its field list (numbers may arrive as strings from forms). */
export function providerConfigSchema(descriptor: ProviderDescriptor) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of descriptor.configFields) {
    const num = z.coerce.number().finite();
    let field: z.ZodType =
      f.type === 'number'
        ? f.min === undefined
          ? num
          : num.min(f.min)
        : f.type === 'tou_schedule'
          ? TouScheduleSchema
          : f.type === 'url'
            ? z.url()
            : f.type === 'select' && f.options
              ? z.enum(f.options.map((o) => o.value) as [string, ...string[]])
              : z.string().trim().min(1);
    if (!f.required) field = field.optional();
    shape[f.key] = field;
  }
  return z.object(shape);
}
