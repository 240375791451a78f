// Worker-name templates: `acme.{site}-{rack}-{slot}` → `acme.austin-r07-2x14`. Pools identify a
// miner by its worker name, so it must be stable per device and free of characters pools reject.

export const WORKER_PLACEHOLDERS = ['site', 'rack', 'slot', 'serial', 'name'] as const;
export type WorkerPlaceholder = (typeof WORKER_PLACEHOLDERS)[number];

export type WorkerContext = {
  site: string;
  rack: string | null;
  slotRow: number | null;
  slotColumn: number | null;
  serial: string;
  name: string;
};

export type TemplateCheck = { ok: true } | { ok: false; reason: string };

const TOKEN = /\{([^{}]*)\}/g;
const MAX_WORKER_LENGTH = 128;

export function checkWorkerTemplate(template: string): TemplateCheck {
  if (!template.trim()) return { ok: false, reason: 'the worker template is empty' };
  if (template.length > MAX_WORKER_LENGTH)
    return { ok: false, reason: `longer than ${MAX_WORKER_LENGTH} characters` };
  const unknown = [...template.matchAll(TOKEN)]
    .map((m) => m[1]!)
    .filter((p) => !(WORKER_PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length) {
    return {
      ok: false,
      reason: `unknown placeholder ${unknown.map((p) => `{${p}}`).join(', ')}; use ${WORKER_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
    };
  }
  const stripped = template.replace(TOKEN, '');
  if (/[{}]/.test(stripped)) return { ok: false, reason: 'unbalanced brace' };
  if (/[^A-Za-z0-9._-]/.test(stripped)) {
    return { ok: false, reason: 'only letters, digits, ".", "_" and "-" are allowed outside placeholders' };
  }
  return { ok: true };
}

/** Placeholder values lose anything a pool could reject; an absent rack or slot renders as "none". */
function clean(value: string): string {
  const slug = value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'none';
}

export function renderWorkerName(template: string, ctx: WorkerContext): string {
  const values: Record<WorkerPlaceholder, string> = {
    site: clean(ctx.site),
    rack: clean(ctx.rack ?? ''),
    slot: ctx.slotRow != null && ctx.slotColumn != null ? `${ctx.slotRow}x${ctx.slotColumn}` : 'none',
    serial: clean(ctx.serial),
    name: clean(ctx.name),
  };
  return template
    .replace(TOKEN, (_, key: string) => values[key as WorkerPlaceholder] ?? '')
    .slice(0, MAX_WORKER_LENGTH);
}
