// The site agent's settings: command-line flags over an optional JSON config file over
// SWITCHYARD_AGENT_TOKEN (so the token need not appear in `ps`). Pure: file text and env come in.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { AgentOptions } from './agent';

const AgentConfig = z
  .object({
    server: z.url({ protocol: /^https?$/, error: 'server must be an http(s) URL' }),
    token: z
      .string({ error: 'token is required (--token, config "token" or SWITCHYARD_AGENT_TOKEN)' })
      .min(1),
    site: z.coerce.number().int().positive({ error: 'site must be a site id' }),
    name: z
      .string()
      .regex(/^[\w.-]{1,60}$/, 'name: letters, digits, dot, dash, underscore; at most 60')
      .default(
        () =>
          os
            .hostname()
            .replace(/[^\w.-]/g, '-')
            .slice(0, 60) || 'agent',
      ),
    buffer: z.string().min(1).optional(),
    maxBufferMb: z.coerce.number().positive().max(1_000_000).default(256),
    intervalS: z.coerce.number().int().min(1).max(3600).optional(),
    concurrency: z.coerce.number().int().min(1).max(2_000).default(64),
    timeoutMs: z.coerce.number().int().min(100).max(60_000).default(5_000),
    actionIntervalS: z.coerce.number().min(0.2).max(3600).optional(),
  })
  .strict();

export const AGENT_USAGE = `Usage: npm run agent -- --server URL --token TOKEN --site SITE_ID [options]
       npm run agent -- --config agent.json [options]
  --name NAME          shown on the device page as the collector (default: host name)
  --buffer FILE        disk buffer (default: data/agent-site-SITE_ID.db)
  --max-buffer-mb N    disk the buffer may use; when full the oldest samples are dropped (default 256)
  --interval-s N       poll interval (default: the site's interval from the server)
  --concurrency N      devices polled at once (default 64)
  --timeout-ms N       per-device poll timeout (default 5000)
  --action-interval-s N  how often remote actions are fetched from the server (default 5)
The token may also come from SWITCHYARD_AGENT_TOKEN.`;

const FLAGS = {
  config: { type: 'string' },
  server: { type: 'string' },
  token: { type: 'string' },
  site: { type: 'string' },
  name: { type: 'string' },
  buffer: { type: 'string' },
  'max-buffer-mb': { type: 'string' },
  'interval-s': { type: 'string' },
  concurrency: { type: 'string' },
  'timeout-ms': { type: 'string' },
  'action-interval-s': { type: 'string' },
  help: { type: 'boolean' },
} as const;

export type ParsedConfig = { help: true } | { help: false; options: AgentOptions } | { error: string };

/** Flags → agent options; `readFile` reads the --config file. */
export function parseAgentConfig(
  argv: string[],
  env: Record<string, string | undefined>,
  readFile: (file: string) => string,
): ParsedConfig {
  let flags: ReturnType<typeof parseArgs<{ options: typeof FLAGS }>>['values'];
  try {
    flags = parseArgs({ args: argv, options: FLAGS, allowPositionals: false }).values;
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (flags.help) return { help: true };
  let file: Record<string, unknown> = {};
  if (flags.config) {
    try {
      file = JSON.parse(readFile(flags.config)) as Record<string, unknown>;
    } catch (error) {
      return { error: `config ${flags.config}: ${(error as Error).message}` };
    }
  }
  const fromFlags = Object.fromEntries(
    Object.entries({
      server: flags.server,
      token: flags.token,
      site: flags.site,
      name: flags.name,
      buffer: flags.buffer,
      maxBufferMb: flags['max-buffer-mb'],
      intervalS: flags['interval-s'],
      concurrency: flags.concurrency,
      timeoutMs: flags['timeout-ms'],
      actionIntervalS: flags['action-interval-s'],
    }).filter(([, v]) => v !== undefined),
  );
  const parsed = AgentConfig.safeParse({ token: env.SWITCHYARD_AGENT_TOKEN, ...file, ...fromFlags });
  if (!parsed.success) {
    return {
      error: parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; '),
    };
  }
  const c = parsed.data;
  return {
    help: false,
    options: {
      server: c.server,
      token: c.token,
      siteId: c.site,
      name: c.name,
      bufferPath: c.buffer ?? `data/agent-site-${c.site}.db`,
      maxBufferBytes: Math.round(c.maxBufferMb * 1_048_576),
      ...(c.intervalS ? { intervalMs: c.intervalS * 1000 } : {}),
      concurrency: c.concurrency,
      timeoutMs: c.timeoutMs,
      ...(c.actionIntervalS ? { actionIntervalMs: c.actionIntervalS * 1000 } : {}),
    },
  };
}
