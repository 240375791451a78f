// Every API operation with the zod schemas its route handler parses with — the same objects, so the
// document cannot drift from validation (tests/integration/openapi.int.test.ts reads each route file
// and checks that the schemas it passes to parseJson/parseQuery are the ones named here).
import type { z } from 'zod';
import { PasswordChange } from '@/lib/auth/account';
import { CodeInput, ReauthInput, SecondFactorInput } from '@/lib/auth/two-factor';
import { TwoFactorPolicy } from '@/lib/auth/two-factor-policy';
import { AgentActionClaim, AgentActionResults } from '../actions/agent-exchange';
import { ActionInput, ActionListQuery, BulkActionInput, RefreshInput } from '../actions/types';
import {
  AckBody,
  AlertsQuery,
  RuleCreate,
  RuleUpdate,
  SilenceCreate,
  SilenceUpdate,
  TargetCreate,
  TargetUpdate,
} from '../alerts/schemas';
import {
  BacktestExportQuery,
  ListQuerySchema as BacktestListQuery,
  BacktestRequestSchema,
  UploadQuerySchema,
} from '../allocation/backtest/schemas';
import { AutoSettingsUpdate, DecisionListQuery, PlanListQuery } from '../allocation/plans/schemas';
import { PlanRequest } from '../allocation/request';
import { AuditExportQuery, AuditQuery } from '../audit/list';
import type { Role } from '../auth/actor';
import { CreateTokenInput } from '../auth/api-tokens';
import { UserCreate, UserUpdate } from '../auth/user-admin';
import { LoginInput } from '../auth/users';
import { AgentPollReport } from '../collectors/agent-api';
import { DiscoveryAdd, DiscoveryRequest } from '../discovery/schemas';
import { HashpriceQuerySchema } from '../economics/hashprice-query';
import { ProjectionQuerySchema } from '../economics/live/fleet-projection';
import { SiteIdQuery } from '../http/params';
import { RangeQuerySchema } from '../http/range';
import { DeviceCredentialsInput } from '../inventory/credentials';
import {
  DeviceCreate,
  DeviceListQuery,
  DeviceUpdate,
  RackCreate,
  SiteCreate,
  SiteUpdate,
} from '../inventory/schemas';
import { PriceImportQuery } from '../market/electricity/price-import';
import { ContractDraftSchema } from '../market/electricity/site-price-views';
import { GpuRateTableBody } from '../market/gpu/gpu-rates';
import { MarketSettingsUpdateSchema } from '../market/settings/schema';
import { HistorySeriesQuery } from '../market/views/history';
import { ReportQuerySchema } from '../reports/respond';
import { StatementListQuery, StatementRequest } from '../reports/statements';
import { WorstDevicesQuery } from '../telemetry/worst-devices';
import { DeviceMove } from '../tenants/move';
import { TenantCreate, TenantUpdate } from '../tenants/tenants';
import { DeliveryListQuery, WebhookCreate, WebhookUpdate } from '../webhooks/schemas';
import {
  AssignmentListQuery,
  AssignmentRequest,
  JobCreate,
  JobListQuery,
  JobUpdate,
  PoolCreate,
  PoolUpdate,
  RentalSettingsUpdate,
  TransitionRequest,
} from '../workloads/schemas';

/** A body the handler reads raw (CSV, signed callbacks, the hot ingest path) with a hand-written schema. */
export type RawBody = { contentType: string; description: string; schema?: Record<string, unknown> };

export type Operation = {
  summary: string;
  /** `public`: no credentials; otherwise the lowest role. `staff`: hosting clients are refused. */
  access: 'public' | Role;
  staff?: true;
  query?: z.ZodType[];
  body?: z.ZodType | RawBody;
  /** Success status when not 200 (201 created, 202 accepted, 204 no content). */
  status?: 201 | 202 | 204;
  /** The success answer is a file or text, not JSON. */
  produces?: string[];
};

const CSV = (description: string): RawBody => ({ contentType: 'text/csv', description });

const TELEMETRY_SAMPLE = {
  type: 'object',
  description: 'One sample: `deviceId` or `serial`, `ts` (epoch ms or ISO-8601 with zone), any metrics.',
  properties: {
    deviceId: { type: 'integer' },
    serial: { type: 'string' },
    ts: { anyOf: [{ type: 'integer' }, { type: 'string', format: 'date-time' }] },
    status: { type: 'string' },
    poolUrl: { type: 'string' },
    hashrateThs: { type: 'number' },
    powerW: { type: 'number' },
    chipTempC: { type: 'number' },
    boardTempC: { type: 'number' },
    inletTempC: { type: 'number' },
    fanRpm: { type: 'number' },
    gpuUtilPct: { type: 'number' },
    gpuTempC: { type: 'number' },
  },
  required: ['ts'],
};

/** Keyed `METHOD /app/router/pattern`, exactly as tests/authz/discover.ts names routes. */
export const OPERATIONS: Record<string, Operation> = {
  'POST /api/auth/login': { summary: 'Sign in: sets the session cookie', access: 'public', body: LoginInput },
  'POST /api/auth/logout': { summary: 'Sign out: ends the session', access: 'public' },
  'POST /api/auth/password': {
    summary: 'Change your own password; other sessions end (session cookie only)',
    access: 'public',
    body: PasswordChange,
  },
  'POST /api/auth/login/two-factor': {
    summary:
      'Sign-in second step: a code or a recovery code with the challenge cookie; sets the session cookie',
    access: 'public',
    body: SecondFactorInput,
  },
  'GET /api/auth/two-factor': {
    summary: 'Your two-factor state (session cookie only)',
    access: 'public',
  },
  'POST /api/auth/two-factor/enrol': {
    summary: 'Start two-factor enrolment: a new secret, its otpauth URI and a QR code (SVG)',
    access: 'public',
  },
  'POST /api/auth/two-factor/confirm': {
    summary: 'Confirm enrolment with a first code; returns ten recovery codes once',
    access: 'public',
    body: CodeInput,
  },
  'POST /api/auth/two-factor/disable': {
    summary: 'Turn your two-factor off (password or a code)',
    access: 'public',
    body: ReauthInput,
    status: 204,
  },
  'POST /api/auth/two-factor/recovery-codes': {
    summary: 'Replace your recovery codes (password or a code); returns them once',
    access: 'public',
    body: ReauthInput,
  },
  'GET /api/auth/me': { summary: 'The caller (user or token) and how it authenticated', access: 'viewer' },
  'GET /api/health': { summary: 'Liveness and database check', access: 'public' },
  'GET /api/openapi.json': { summary: 'This document (OpenAPI 3.1)', access: 'public' },

  'GET /api/v1/action-batches/[id]': { summary: 'Progress of a bulk action', access: 'viewer' },
  'GET /api/v1/actions': {
    summary: 'Remote actions, newest first',
    access: 'viewer',
    query: [ActionListQuery],
  },
  'POST /api/v1/actions': {
    summary: 'Start a staggered bulk remote action',
    access: 'operator',
    body: BulkActionInput,
    status: 202,
  },
  'GET /api/v1/actions/[id]': { summary: 'One remote action', access: 'viewer' },
  'GET /api/v1/agent/sites/[id]/devices': {
    summary: 'The polled devices of a site, for its site agent',
    access: 'viewer',
  },
  'POST /api/v1/agent/sites/[id]/actions/claim': {
    summary: 'A site agent claims the due remote actions of its site’s devices',
    access: 'operator',
    body: AgentActionClaim,
  },
  'POST /api/v1/agent/sites/[id]/actions/results': {
    summary: 'A site agent reports the outcome of the actions it sent',
    access: 'operator',
    body: AgentActionResults,
  },
  'POST /api/v1/agent/sites/[id]/polls': {
    summary: 'A site agent reports its poll outcomes',
    access: 'operator',
    body: AgentPollReport,
  },
  'GET /api/v1/allocation/auto': {
    summary: 'Automatic mode and guardrails per site',
    access: 'viewer',
    staff: true,
  },
  'PUT /api/v1/allocation/auto': {
    summary: 'Change a site’s automatic mode and guardrails',
    access: 'operator',
    staff: true,
    body: AutoSettingsUpdate,
  },
  'GET /api/v1/allocation/backtests': {
    summary: 'Allocation backtests',
    access: 'viewer',
    query: [BacktestListQuery],
  },
  'POST /api/v1/allocation/backtests': {
    summary: 'Start a backtest of allocation policies over history',
    access: 'operator',
    body: BacktestRequestSchema,
    status: 202,
  },
  'GET /api/v1/allocation/backtests/[id]': { summary: 'One backtest with its results', access: 'viewer' },
  'DELETE /api/v1/allocation/backtests/[id]': {
    summary: 'Cancel a queued or running backtest',
    access: 'operator',
  },
  'GET /api/v1/allocation/backtests/[id]/export': {
    summary: 'A backtest’s results or cumulative series as CSV',
    access: 'viewer',
    query: [BacktestExportQuery],
    produces: ['text/csv'],
  },
  'GET /api/v1/allocation/backtests/uploads': { summary: 'Uploaded backtest series', access: 'viewer' },
  'POST /api/v1/allocation/backtests/uploads': {
    summary: 'Upload a CSV series (electricity or bitcoin) for backtests',
    access: 'operator',
    query: [UploadQuerySchema],
    body: CSV(
      'electricity `timestamp,price[,currency]` hourly, or bitcoin `date,btc_usd,difficulty[,fees_btc_per_block]`',
    ),
    status: 201,
  },
  'GET /api/v1/allocation/decisions': {
    summary: 'The allocation decision log, newest first',
    access: 'viewer',
    staff: true,
    query: [DecisionListQuery],
  },
  'GET /api/v1/allocation/decisions/[id]': {
    summary: 'One decision explained',
    access: 'viewer',
    staff: true,
  },
  'GET /api/v1/allocation/plans': {
    summary: 'Recent allocation plans',
    access: 'viewer',
    staff: true,
    query: [PlanListQuery],
  },
  'POST /api/v1/allocation/plans': {
    summary: 'Plan the sites over a horizon (dry run, optional what-if overrides)',
    access: 'operator',
    staff: true,
    body: PlanRequest,
    status: 201,
  },
  'GET /api/v1/allocation/plans/[id]': {
    summary: 'A plan with its inputs snapshot',
    access: 'viewer',
    staff: true,
  },
  'POST /api/v1/allocation/plans/[id]/apply': {
    summary: 'Apply a plan’s first interval as assignments',
    access: 'operator',
    staff: true,
  },
  'GET /api/v1/audit': {
    summary: 'The audit log, newest first',
    access: 'admin',
    staff: true,
    query: [AuditQuery],
  },
  'GET /api/v1/audit/export': {
    summary: 'The filtered audit log as CSV',
    access: 'admin',
    staff: true,
    query: [AuditExportQuery],
    produces: ['text/csv'],
  },
  'GET /api/v1/alert-rules': { summary: 'List alert rules', access: 'viewer' },
  'POST /api/v1/alert-rules': {
    summary:
      'Create an alert rule; optional `action: { kind: curtail | reboot | switchPool, maxDevicesPerHour, poolId? }` acts on what it fires on',
    access: 'operator',
    staff: true,
    body: RuleCreate,
    status: 201,
  },
  'GET /api/v1/alert-rules/[id]': { summary: 'One alert rule', access: 'viewer' },
  'PATCH /api/v1/alert-rules/[id]': {
    summary: 'Change an alert rule',
    access: 'operator',
    staff: true,
    body: RuleUpdate,
  },
  'DELETE /api/v1/alert-rules/[id]': {
    summary: 'Delete an alert rule',
    access: 'operator',
    staff: true,
    status: 204,
  },
  'POST /api/v1/alert-rules/preview': {
    summary:
      'What a rule would have raised over the last 24 h, and with `action` what it would have done to which devices under its rate limit (`actions`)',
    access: 'operator',
    staff: true,
    body: RuleCreate,
  },
  'GET /api/v1/alert-silences': { summary: 'List silences', access: 'viewer', staff: true },
  'POST /api/v1/alert-silences': {
    summary: 'Create a silence',
    access: 'operator',
    staff: true,
    body: SilenceCreate,
    status: 201,
  },
  'PATCH /api/v1/alert-silences/[id]': {
    summary: 'Change a silence',
    access: 'operator',
    staff: true,
    body: SilenceUpdate,
  },
  'DELETE /api/v1/alert-silences/[id]': {
    summary: 'Delete a silence',
    access: 'operator',
    staff: true,
    status: 204,
  },
  'GET /api/v1/alerts': { summary: 'List alerts', access: 'viewer', query: [AlertsQuery] },
  'GET /api/v1/alerts/[id]': {
    summary: 'One alert with its timeline and what its rule did automatically (`ruleActions`)',
    access: 'viewer',
  },
  'POST /api/v1/alerts/[id]/ack': {
    summary: 'Acknowledge a firing alert',
    access: 'operator',
    body: AckBody,
  },
  'GET /api/v1/alerts/count': { summary: 'Firing alerts in the caller’s scope', access: 'viewer' },

  'GET /api/v1/assignments': {
    summary: 'Assignment history',
    access: 'viewer',
    query: [AssignmentListQuery],
  },
  'POST /api/v1/assignments': {
    summary: 'Assign devices to a workload',
    access: 'operator',
    body: AssignmentRequest,
  },
  'GET /api/v1/device-models': { summary: 'Device model catalogue', access: 'viewer' },
  'GET /api/v1/devices': {
    summary: 'List devices (filters, sort, cursor)',
    access: 'viewer',
    query: [DeviceListQuery],
  },
  'POST /api/v1/devices': {
    summary: 'Register a device',
    access: 'operator',
    body: DeviceCreate,
    status: 201,
  },
  'GET /api/v1/devices/[id]': {
    summary: 'One device with latest state and collector health',
    access: 'viewer',
  },
  'PATCH /api/v1/devices/[id]': { summary: 'Change a device', access: 'operator', body: DeviceUpdate },
  'DELETE /api/v1/devices/[id]': { summary: 'Delete a device', access: 'operator', status: 204 },
  'GET /api/v1/devices/[id]/actions': {
    summary: 'A device’s capabilities and action history',
    access: 'viewer',
  },
  'POST /api/v1/devices/[id]/actions': {
    summary: 'Request a remote action on a device',
    access: 'operator',
    body: ActionInput,
    status: 202,
  },
  'PUT /api/v1/devices/[id]/credentials': {
    summary: 'Set a device’s API credentials (stored encrypted)',
    access: 'operator',
    body: DeviceCredentialsInput,
  },
  'DELETE /api/v1/devices/[id]/credentials': {
    summary: 'Remove a device’s credentials',
    access: 'operator',
  },
  'POST /api/v1/devices/[id]/refresh': { summary: 'Poll a device now', access: 'operator' },
  'POST /api/v1/devices/refresh': {
    summary: 'Poll a selection of devices now',
    access: 'operator',
    body: RefreshInput,
  },
  'GET /api/v1/devices/[id]/assignments': {
    summary: 'A device’s current and past assignments',
    access: 'viewer',
  },
  'GET /api/v1/devices/[id]/metrics': {
    summary: 'A device’s chart series',
    access: 'viewer',
    query: [RangeQuerySchema],
  },
  'GET /api/v1/devices/[id]/status-history': {
    summary: 'A device’s status changes',
    access: 'viewer',
    query: [RangeQuerySchema],
  },
  'POST /api/v1/devices/import': {
    summary: 'Import devices from CSV (all rows or none)',
    access: 'operator',
    body: CSV('`name,serial,site,model[,rack,row,column,…]`; a 422 lists every bad row'),
    status: 201,
  },
  'POST /api/v1/devices/move-tenant': {
    summary: 'Move devices between hosting clients',
    access: 'admin',
    staff: true,
    body: DeviceMove,
  },

  'GET /api/v1/discovery': { summary: 'Recent network scans', access: 'viewer' },
  'POST /api/v1/discovery': {
    summary: 'Start a network scan for miners and GPU servers',
    access: 'operator',
    body: DiscoveryRequest,
    status: 202,
  },
  'GET /api/v1/discovery/[id]': { summary: 'A scan’s progress and what it found', access: 'viewer' },
  'POST /api/v1/discovery/[id]/add': {
    summary: 'Add endpoints found by a scan as devices',
    access: 'operator',
    body: DiscoveryAdd,
  },
  'GET /api/v1/economics/devices/[id]': { summary: 'Money figures of one device', access: 'viewer' },
  'GET /api/v1/economics/hashprice': {
    summary: 'Hashprice from given inputs',
    access: 'viewer',
    query: [HashpriceQuerySchema],
  },
  'GET /api/v1/economics/projection': {
    summary: 'Fleet revenue projection',
    access: 'viewer',
    query: [ProjectionQuerySchema],
  },
  'GET /api/v1/economics/summary': {
    summary: 'Fleet and per-site economics',
    access: 'viewer',
    query: [SiteIdQuery],
  },
  'GET /api/v1/fleet/attention': {
    summary: 'Devices needing attention, worst first',
    access: 'viewer',
    query: [WorstDevicesQuery],
  },
  'GET /api/v1/fleet/metrics': { summary: 'Fleet chart series', access: 'viewer', query: [RangeQuerySchema] },
  'GET /api/v1/fleet/summary': {
    summary: 'Fleet now: counts, totals, money',
    access: 'viewer',
    query: [SiteIdQuery],
  },

  'GET /api/v1/jobs': { summary: 'List AI jobs', access: 'viewer', query: [JobListQuery] },
  'POST /api/v1/jobs': { summary: 'Create an AI job', access: 'operator', body: JobCreate, status: 201 },
  'GET /api/v1/jobs/[id]': {
    summary: 'One job with timeline, placement, GPU-hours, revenue',
    access: 'viewer',
  },
  'PATCH /api/v1/jobs/[id]': { summary: 'Change a job', access: 'operator', body: JobUpdate },
  'POST /api/v1/jobs/[id]/events': {
    summary: 'Signed status callback from the webhook executor',
    access: 'public',
    body: {
      contentType: 'application/json',
      description: 'Authenticated by the HMAC-SHA256 signature and timestamp headers, not by a token',
    },
  },
  'POST /api/v1/jobs/[id]/transitions': {
    summary: 'Move a job through its lifecycle',
    access: 'operator',
    body: TransitionRequest,
  },

  'GET /api/v1/market/gpu-rates': { summary: 'GPU rental rates', access: 'viewer' },
  'PUT /api/v1/market/gpu-rates': {
    summary: 'Replace the GPU rate table',
    access: 'operator',
    staff: true,
    body: GpuRateTableBody,
  },
  'POST /api/v1/market/gpu-rates/import': {
    summary: 'Replace the GPU rate table from CSV',
    access: 'operator',
    staff: true,
    body: CSV('`gpu_model,usd_per_gpu_h[,min_usd_per_gpu_h,max_usd_per_gpu_h,label,note]`'),
  },
  'GET /api/v1/market/history': {
    summary: 'Market series history',
    access: 'viewer',
    query: [RangeQuerySchema, HistorySeriesQuery],
  },
  'GET /api/v1/market/latest': { summary: 'Latest market values with provenance', access: 'viewer' },

  'GET /api/v1/notification-targets': {
    summary: 'List alert notification targets',
    access: 'admin',
    staff: true,
  },
  'POST /api/v1/notification-targets': {
    summary: 'Create a notification target',
    access: 'admin',
    staff: true,
    body: TargetCreate,
    status: 201,
  },
  'PATCH /api/v1/notification-targets/[id]': {
    summary: 'Change a notification target',
    access: 'admin',
    staff: true,
    body: TargetUpdate,
  },
  'DELETE /api/v1/notification-targets/[id]': {
    summary: 'Delete a notification target',
    access: 'admin',
    staff: true,
    status: 204,
  },

  'GET /api/v1/pools': { summary: 'List mining pools', access: 'viewer' },
  'POST /api/v1/pools': { summary: 'Create a pool', access: 'operator', body: PoolCreate, status: 201 },
  'GET /api/v1/pools/[id]': { summary: 'One pool with coverage', access: 'viewer' },
  'PATCH /api/v1/pools/[id]': { summary: 'Change a pool', access: 'operator', body: PoolUpdate },
  'DELETE /api/v1/pools/[id]': { summary: 'Delete a pool', access: 'operator', status: 204 },
  'GET /api/v1/pools/mismatches': { summary: 'Devices mining elsewhere than assigned', access: 'viewer' },
  'GET /api/v1/rental-settings': { summary: 'GPU rental settings', access: 'viewer' },
  'PUT /api/v1/rental-settings': {
    summary: 'Change GPU rental settings',
    access: 'operator',
    staff: true,
    body: RentalSettingsUpdate,
  },

  'GET /api/v1/reports/[kind]': {
    summary: 'A report as JSON, CSV, XLSX or PDF',
    access: 'viewer',
    query: [ReportQuerySchema],
    produces: [
      'application/json',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/pdf',
    ],
  },
  'GET /api/v1/settings/market': {
    summary: 'Market data settings and provider status',
    access: 'viewer',
    staff: true,
  },
  'GET /api/v1/settings/security': {
    summary: 'Which roles must use two-factor sign-in',
    access: 'admin',
    staff: true,
  },
  'PUT /api/v1/settings/security': {
    summary: 'Set which roles must use two-factor sign-in',
    access: 'admin',
    staff: true,
    body: TwoFactorPolicy,
  },
  'PUT /api/v1/settings/market': {
    summary: 'Change market data settings',
    access: 'admin',
    staff: true,
    body: MarketSettingsUpdateSchema,
  },
  'GET /api/v1/simulator/history': { summary: 'Progress of the demo history fill', access: 'viewer' },

  'GET /api/v1/sites': { summary: 'List sites', access: 'viewer' },
  'POST /api/v1/sites': {
    summary: 'Create a site',
    access: 'admin',
    staff: true,
    body: SiteCreate,
    status: 201,
  },
  'GET /api/v1/sites/[id]': { summary: 'One site with its energy contract', access: 'viewer' },
  'PATCH /api/v1/sites/[id]': { summary: 'Change a site', access: 'operator', staff: true, body: SiteUpdate },
  'DELETE /api/v1/sites/[id]': { summary: 'Delete a site', access: 'admin', staff: true, status: 204 },
  'GET /api/v1/sites/[id]/heatmap': {
    summary: 'Racks with occupied slots and latest readings',
    access: 'viewer',
  },
  'GET /api/v1/sites/[id]/metrics': {
    summary: 'Site chart series',
    access: 'viewer',
    query: [RangeQuerySchema],
  },
  'GET /api/v1/sites/[id]/prices': {
    summary: 'Site electricity prices',
    access: 'viewer',
    query: [RangeQuerySchema],
  },
  'POST /api/v1/sites/[id]/prices/import': {
    summary: 'Import site prices from CSV',
    access: 'operator',
    staff: true,
    query: [PriceImportQuery],
    body: CSV('`timestamp,price[,currency]`; nothing is stored on error'),
    status: 201,
  },
  'POST /api/v1/sites/[id]/prices/preview': {
    summary: 'Preview a contract draft',
    access: 'viewer',
    staff: true,
    body: ContractDraftSchema,
  },
  'GET /api/v1/sites/[id]/swarm': {
    summary: 'A site’s micro-miners: best difficulties, shares, solo odds',
    access: 'viewer',
  },
  'GET /api/v1/sites/[id]/racks': { summary: 'List a site’s racks', access: 'viewer' },
  'POST /api/v1/sites/[id]/racks': {
    summary: 'Create a rack',
    access: 'operator',
    staff: true,
    body: RackCreate,
    status: 201,
  },

  'POST /api/v1/telemetry': {
    summary: 'Ingest a batch of telemetry samples (JSON, optionally gzip)',
    access: 'operator',
    body: {
      contentType: 'application/json',
      description: 'Validated by a hand-written fast path (lib/telemetry/validate.ts), not zod',
      schema: {
        type: 'object',
        properties: { samples: { type: 'array', items: TELEMETRY_SAMPLE } },
        required: ['samples'],
      },
    },
  },
  'GET /api/v1/statements': {
    summary: 'Stored monthly statements (a hosting client sees its own)',
    access: 'viewer',
    query: [StatementListQuery],
  },
  'POST /api/v1/statements': {
    summary: 'Generate a tenant’s statement for an ended month now (200 with the stored one if it exists)',
    access: 'admin',
    staff: true,
    body: StatementRequest,
    status: 201,
  },
  'GET /api/v1/statements/[id]': {
    summary: 'One monthly statement as its PDF',
    access: 'viewer',
    produces: ['application/pdf'],
  },
  'GET /api/v1/tenants': { summary: 'Hosting clients (a client sees its own)', access: 'viewer' },
  'POST /api/v1/tenants': {
    summary: 'Create a hosting client',
    access: 'admin',
    staff: true,
    body: TenantCreate,
    status: 201,
  },
  'GET /api/v1/tenants/[id]': { summary: 'One hosting client', access: 'viewer' },
  'PATCH /api/v1/tenants/[id]': {
    summary: 'Change a hosting client’s terms',
    access: 'admin',
    staff: true,
    body: TenantUpdate,
  },
  'GET /api/v1/sessions': {
    summary: "The caller's own browser sessions (session cookie only)",
    access: 'public',
  },
  'DELETE /api/v1/sessions/[id]': {
    summary: 'End one of your own sessions (session cookie only)',
    access: 'public',
    status: 204,
  },
  'POST /api/v1/sessions/revoke-others': {
    summary: 'End your other sessions (session cookie only)',
    access: 'public',
  },
  'GET /api/v1/tokens': { summary: 'List API tokens', access: 'admin', staff: true },
  'POST /api/v1/tokens': {
    summary: 'Create an API token (returned once)',
    access: 'admin',
    staff: true,
    body: CreateTokenInput,
    status: 201,
  },
  'DELETE /api/v1/tokens/[id]': { summary: 'Revoke an API token', access: 'admin', staff: true, status: 204 },
  'GET /api/v1/users': { summary: 'List accounts', access: 'admin', staff: true },
  'POST /api/v1/users': {
    summary: 'Create an account',
    access: 'admin',
    staff: true,
    body: UserCreate,
    status: 201,
  },
  'PATCH /api/v1/users/[id]': {
    summary: 'Change an account',
    access: 'admin',
    staff: true,
    body: UserUpdate,
  },
  'DELETE /api/v1/users/[id]': { summary: 'Delete an account', access: 'admin', staff: true, status: 204 },
  'DELETE /api/v1/users/[id]/two-factor': {
    summary: 'Reset a user’s two-factor (lost phone); their sessions end',
    access: 'admin',
    staff: true,
    status: 204,
  },

  'GET /api/v1/webhooks': { summary: 'List event webhook endpoints', access: 'admin', staff: true },
  'POST /api/v1/webhooks': {
    summary: 'Create an event webhook endpoint (the signing secret is returned once)',
    access: 'admin',
    staff: true,
    body: WebhookCreate,
    status: 201,
  },
  'PATCH /api/v1/webhooks/[id]': {
    summary: 'Change a webhook endpoint',
    access: 'admin',
    staff: true,
    body: WebhookUpdate,
  },
  'DELETE /api/v1/webhooks/[id]': {
    summary: 'Delete a webhook endpoint',
    access: 'admin',
    staff: true,
    status: 204,
  },
  'GET /api/v1/webhooks/[id]/deliveries': {
    summary: 'Delivery log of a webhook endpoint, newest first',
    access: 'admin',
    staff: true,
    query: [DeliveryListQuery],
  },
  'POST /api/v1/webhooks/[id]/test': {
    summary: 'Queue a test event for one endpoint',
    access: 'admin',
    staff: true,
  },

  'GET /metrics': {
    summary: 'Prometheus text exposition (fleet, economics, collectors, ingest)',
    access: 'viewer',
    produces: ['text/plain; version=0.0.4'],
  },
};
