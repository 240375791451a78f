import { z } from 'zod';
import { QueryId, queryInt } from '@/lib/ids';

export const DEVICE_CLASSES = ['asic', 'micro', 'gpu'] as const;
export const DEVICE_STATUSES = ['online', 'degraded', 'offline', 'curtailed', 'maintenance'] as const;
export const PROTOCOLS = ['cgminer', 'axeos', 'dcgm', 'push'] as const;
export const CONTRACT_KINDS = ['fixed', 'tou', 'spot'] as const;

const isValidTimezone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const TouBand = z.object({
  days: z.array(z.number().int().min(1).max(7)).min(1, 'Pick at least one weekday'),
  fromHour: z.number().int().min(0).max(23),
  toHour: z.number().int().min(1).max(24),
  priceUsdPerMwh: z.number().min(-1000).max(100_000),
});
export type TouBand = z.infer<typeof TouBand>;

const SiteFields = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100),
  timezone: z.string().refine(isValidTimezone, 'Unknown IANA timezone (e.g. America/Chicago)'),
  location: z.string().trim().max(200).nullable().optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  powerCapacityKw: z.number().positive('Power capacity must be above 0').max(10_000_000),
  pue: z.number().min(1, 'PUE cannot be below 1').max(3),
  contractKind: z.enum(CONTRACT_KINDS),
  fixedPriceUsdPerMwh: z.number().min(-1000).max(100_000).nullable().optional(),
  touSchedule: z.array(TouBand).max(200).nullable().optional(),
  spotSource: z.string().trim().max(200).nullable().optional(),
  spotAdderUsdPerMwh: z.number().min(-1000).max(10_000),
  curtailable: z.boolean(),
  firmPower: z.boolean(),
  poolFeePct: z.number().min(0).max(100),
  collectorIntervalS: z.number().int().min(5).max(3600).nullable().optional(),
});

function checkContract(site: Partial<z.infer<typeof SiteFields>>, ctx: z.RefinementCtx) {
  if (site.contractKind === 'fixed' && site.fixedPriceUsdPerMwh == null) {
    ctx.addIssue({
      code: 'custom',
      path: ['fixedPriceUsdPerMwh'],
      message: 'A fixed contract needs a price',
    });
  }
  if (site.contractKind === 'tou' && !site.touSchedule?.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['touSchedule'],
      message: 'A time-of-use contract needs a schedule',
    });
  }
  if (site.contractKind === 'spot' && !site.spotSource) {
    ctx.addIssue({ code: 'custom', path: ['spotSource'], message: 'A spot contract needs a price source' });
  }
}

export const SiteCreate = SiteFields.extend({
  pue: SiteFields.shape.pue.default(1.05),
  contractKind: SiteFields.shape.contractKind.default('fixed'),
  spotAdderUsdPerMwh: SiteFields.shape.spotAdderUsdPerMwh.default(0),
  curtailable: SiteFields.shape.curtailable.default(true),
  firmPower: SiteFields.shape.firmPower.default(false),
  poolFeePct: SiteFields.shape.poolFeePct.default(2),
}).superRefine(checkContract);
export type SiteCreate = z.infer<typeof SiteCreate>;

export const SiteUpdate = SiteFields.partial().strict();
export type SiteUpdate = z.infer<typeof SiteUpdate>;

/** The editable fields of a stored site plus an update: what the site will be after the change. */
export const SiteAfterUpdate = SiteFields.partial().superRefine(checkContract);
export const SITE_FIELD_KEYS = Object.keys(SiteFields.shape) as (keyof z.infer<typeof SiteFields>)[];

export const RackCreate = z.object({
  name: z.string().trim().min(1).max(60),
  rows: z.number().int().min(1).max(100),
  columns: z.number().int().min(1).max(100),
});

const MAC = /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/;
const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$|^\[?[0-9A-Fa-f:]+\]?$/;

const DeviceFields = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100),
  serial: z
    .string()
    .trim()
    .min(1, 'Serial is required')
    .max(64)
    .regex(/^[A-Za-z0-9._:/-]+$/, 'Serial may contain letters, digits and . _ : / - only'),
  macAddress: z
    .string()
    .trim()
    .regex(MAC, 'MAC address must look like AA:BB:CC:DD:EE:FF')
    .transform((m) => m.toUpperCase().replaceAll('-', ':'))
    .nullable()
    .optional(),
  siteId: z.number().int().positive(),
  modelId: z.number().int().positive(),
  rackId: z.number().int().positive().nullable().optional(),
  slotRow: z.number().int().min(1).max(100).nullable().optional(),
  slotColumn: z.number().int().min(1).max(100).nullable().optional(),
  protocol: z.enum(PROTOCOLS),
  host: z.string().trim().max(253).regex(HOST, 'Host must be a hostname or IP address').nullable().optional(),
  port: z.number().int().min(1).max(65535).nullable().optional(),
  tenantId: z.number().int().positive().nullable().optional(),
  powerTargetW: z.number().positive().max(100_000).nullable().optional(),
  notes: z.string().max(2000).nullable().optional(),
});

function checkSlot(device: Partial<z.infer<typeof DeviceFields>>, ctx: z.RefinementCtx) {
  const hasRow = device.slotRow != null;
  const hasColumn = device.slotColumn != null;
  if (hasRow !== hasColumn) {
    ctx.addIssue({
      code: 'custom',
      path: [hasRow ? 'slotColumn' : 'slotRow'],
      message: 'Give both slot row and column',
    });
  }
  if ((hasRow || hasColumn) && device.rackId == null) {
    ctx.addIssue({ code: 'custom', path: ['rackId'], message: 'A slot needs a rack' });
  }
}

export const DeviceCreate = DeviceFields.extend({
  protocol: DeviceFields.shape.protocol.default('push'),
}).superRefine(checkSlot);
export type DeviceCreate = z.infer<typeof DeviceCreate>;

export const DeviceUpdate = DeviceFields.partial()
  .extend({
    /** Operators put a device into maintenance or return it to service; other statuses come from data. */
    status: z.enum(['maintenance', 'online']).optional(),
  })
  .strict()
  .superRefine(checkSlot);
export type DeviceUpdate = z.infer<typeof DeviceUpdate>;

export const DEVICE_SORTS = [
  'name',
  'serial',
  'status',
  'site',
  'model',
  'hashrate',
  'power',
  'temp',
  'lastSeen',
] as const;
export type DeviceSort = (typeof DEVICE_SORTS)[number];

const csvList = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const DeviceListQuery = z.object({
  siteId: QueryId.optional(),
  rackId: QueryId.optional(),
  class: csvList(DEVICE_CLASSES).optional(),
  status: csvList(DEVICE_STATUSES).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(DEVICE_SORTS).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  limit: queryInt(1, 500).default(50),
  cursor: z.string().max(500).optional(),
});
export type DeviceListQuery = z.infer<typeof DeviceListQuery>;
