import { repairJson } from './cgminer-repair';
import { parseCgminerText } from './cgminer-text';
import { fail, guarded, ok, type Parsed } from './result';

export type Row = Record<string, unknown>;

/** The STATUS part of a reply in one shape, whatever shape the firmware used (§1.8 C18). */
export type CgStatus = { severity: string; code?: number; msg: string; description: string; when?: number };

/** One command's reply: its status and its data sections (`SUMMARY`, `POOLS`, …) as row lists. */
export type CgReply = { status: CgStatus; sections: Record<string, Row[]> };

function asRow(value: unknown): Row | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Row) : undefined;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function num(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

export function normaliseStatus(obj: Row): CgStatus | undefined {
  const raw = obj.STATUS;
  const fromRow = (r: Row): CgStatus => ({
    severity: str(r.STATUS),
    code: num(r.Code),
    msg: typeof r.Msg === 'string' ? r.Msg : r.Msg === undefined ? '' : JSON.stringify(r.Msg),
    description: str(r.Description),
    when: num(r.When),
  });
  if (Array.isArray(raw)) {
    const first = asRow(raw[0]);
    return first ? fromRow(first) : undefined;
  }
  const rowStatus = asRow(raw);
  if (rowStatus) return fromRow(rowStatus);
  // Plain string: `restart` → "RESTART", Whatsminer v2 extensions carry Code/Msg at top level.
  if (typeof raw === 'string') return fromRow(obj);
  return undefined;
}

const OK_SEVERITIES = new Set(['S', 'I', 'RESTART', 'BYE']);

/** Maps an error status to a typed error: denied commands and Whatsminer's token demands are not generic. */
export function statusError(status: CgStatus): Parsed<never> | undefined {
  if (OK_SEVERITIES.has(status.severity)) return undefined;
  if (status.severity === 'W') return undefined;
  const whatsminer = /btminer|whatsminer/i.test(status.description);
  if (whatsminer && (status.code === 45 || status.code === 135 || status.code === 136 || status.code === 137))
    return fail(
      'api_key_required',
      `Whatsminer refused: ${status.msg} (enable the API and use the admin token)`,
      status.code,
    );
  if (status.code === 45) return fail('access_denied', status.msg || 'Access denied', 45);
  return fail('device_error', status.msg || `status ${status.severity}`, status.code);
}

function toReply(obj: Row): Parsed<CgReply> {
  const status = normaliseStatus(obj);
  if (!status) return fail('no_data', 'reply has no STATUS');
  const sections: Record<string, Row[]> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'STATUS' || key === 'id') continue;
    if (Array.isArray(value)) sections[key] = value.map(asRow).filter((r): r is Row => r !== undefined);
    else if (asRow(value) && key === key.toUpperCase()) sections[key] = [value as Row];
  }
  const err = statusError(status);
  if (err) return err;
  return ok({ status, sections });
}

export type Decoded = { kind: 'json'; value: unknown; flags: string[] } | { kind: 'text'; text: string };

/** Bytes to a JSON value or text-mode text; repairs what §1.8 says is safe to repair. */
export function decodeReply(bytes: Uint8Array | string): Parsed<Decoded> {
  return guarded(() => {
    let text = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
    const nul = text.indexOf('\0');
    if (nul >= 0) text = text.slice(0, nul);
    text = text.trim();
    if (text === '') return fail('empty', 'empty reply');
    if (/^Socket connect failed/i.test(text))
      return fail('miner_down', `miner process down: ${text.slice(0, 80)}`);
    if (text.startsWith('<')) return fail('html', 'HTML page instead of an API reply');
    if (text.startsWith('{') || text.startsWith(',') || text.startsWith('[')) {
      try {
        return ok({ kind: 'json', value: JSON.parse(text) as unknown, flags: [] });
      } catch {
        const repaired = repairJson(text);
        if (repaired.text === '') return fail('truncated', 'reply cut short before any complete value');
        try {
          const value = JSON.parse(repaired.text) as unknown;
          return ok({ kind: 'json', value, flags: repaired.flags }, repaired.flags);
        } catch (err) {
          return fail('not_json', `unrepairable JSON (${(err as Error).message.slice(0, 80)})`);
        }
      }
    }
    if (/^STATUS=/.test(text)) return ok({ kind: 'text', text });
    return fail('not_json', `unexpected reply: ${JSON.stringify(text.slice(0, 60))}`);
  });
}

/**
 * Parses a reply to one command (JSON or text mode). `command` names the data section a text-mode
 * reply carries, since text mode does not label its rows.
 */
export function parseCgminerReply(bytes: Uint8Array | string, command: string): Parsed<CgReply> {
  return guarded(() => {
    const decoded = decodeReply(bytes);
    if (!decoded.ok) return decoded;
    if (decoded.value.kind === 'text') {
      const t = parseCgminerText(decoded.value.text);
      if (!t) return fail('not_json', 'unparseable text-mode reply');
      const reply = toReply({ STATUS: [t.status], [command.toUpperCase()]: t.rows });
      return reply.ok ? ok(reply.value, ['text_mode']) : reply;
    }
    const obj = asRow(decoded.value.value);
    if (!obj) return fail('not_json', 'reply is not a JSON object');
    const reply = toReply(obj);
    const flags = [...decoded.flags];
    if (obj.id === 0) flags.push('truncated');
    return reply.ok ? ok(reply.value, flags) : reply;
  });
}

/**
 * Splits a `a+b` multi-command reply (§1.4) into per-command replies; each section holds an array
 * with one full reply object. A single old-style error reply means the firmware refused `+`.
 */
export function parseMultiReply(
  bytes: Uint8Array | string,
  commands: string[],
): Parsed<Record<string, Parsed<CgReply>>> {
  return guarded(() => {
    const decoded = decodeReply(bytes);
    if (!decoded.ok) return decoded;
    if (decoded.value.kind === 'text') return fail('device_error', 'multi-command answered in text mode');
    const obj = asRow(decoded.value.value);
    if (!obj) return fail('not_json', 'reply is not a JSON object');
    if (obj.STATUS !== undefined) {
      const status = normaliseStatus(obj);
      return fail('device_error', `multi-command refused: ${status?.msg ?? 'unknown'}`, status?.code);
    }
    const out: Record<string, Parsed<CgReply>> = {};
    for (const cmd of commands) {
      const part = obj[cmd];
      const inner = Array.isArray(part) ? asRow(part[0]) : asRow(part);
      out[cmd] = inner ? toReply(inner) : fail('no_data', `no "${cmd}" section in multi-command reply`);
    }
    return ok(out, decoded.value.flags);
  });
}
