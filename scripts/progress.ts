// Progress of long first-start work (migrations, demo seed, history backfill, build): one line
// that says what runs, how far it is and how long is left. On a terminal the line is redrawn in
// place; elsewhere (CI logs, systemd journal, pipes) a plain line is printed every few seconds,
// so logs stay readable and still show that work is moving.

export type ProgressState = {
  /** What runs, e.g. "history". */
  label: string;
  done: number;
  total: number;
  /** Unit of done/total, e.g. "samples"; empty for steps. */
  unit: string;
  startedAtMs: number;
  /** Extra detail after the figures, e.g. the day being filled. */
  detail?: string;
  /** Work without a count (a build): `total` is the expected duration in seconds. */
  timed?: boolean;
};

/** Seconds left at the average rate so far; null until there is a rate to go by. */
export function etaSeconds(state: ProgressState, nowMs: number): number | null {
  const elapsedS = (nowMs - state.startedAtMs) / 1000;
  if (state.done <= 0 || elapsedS < 0.5 || state.total <= 0) return null;
  return Math.max(0, ((state.total - state.done) * elapsedS) / state.done);
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function formatCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  return String(Math.round(n));
}

/** "[history] 1.2M of 3.7M samples · 32 % · 61k samples/s · 41 s left · 2026-11-20" */
export function formatProgressLine(state: ProgressState, nowMs: number): string {
  if (state.timed) return formatTimedLine(state, nowMs);
  const { label, done, total, unit } = state;
  const parts = [unit ? `${formatCount(done)} of ${formatCount(total)} ${unit}` : `${done} of ${total}`];
  if (total > 0) parts.push(`${Math.floor((100 * Math.min(done, total)) / total)} %`);
  const elapsedS = (nowMs - state.startedAtMs) / 1000;
  if (unit && elapsedS >= 0.5 && done > 0) parts.push(`${formatCount(done / elapsedS)} ${unit}/s`);
  const eta = etaSeconds(state, nowMs);
  parts.push(eta === null ? 'estimating time left' : `${formatDuration(eta)} left`);
  if (state.detail) parts.push(state.detail);
  return `[${label}] ${parts.join(' · ')}`;
}

/** "[build] 35 s elapsed · about 40 s left · Running TypeScript" */
function formatTimedLine(state: ProgressState, nowMs: number): string {
  const elapsedS = Math.max(0, (nowMs - state.startedAtMs) / 1000);
  const leftS = state.total - elapsedS;
  const parts = [
    `${formatDuration(elapsedS)} elapsed`,
    leftS >= 1 ? `about ${formatDuration(leftS)} left` : 'taking longer than expected, still running',
  ];
  if (state.detail) parts.push(state.detail);
  return `[${state.label}] ${parts.join(' · ')}`;
}

export type ProgressOutput = {
  write(text: string): void;
  /** A terminal: redraw in place. Otherwise plain lines at `plainEveryMs`. */
  isTTY: boolean;
};

export type ProgressOptions = {
  output?: ProgressOutput;
  now?: () => number;
  /** Plain (non-TTY) output: one line at most this often. */
  plainEveryMs?: number;
  /** TTY output: redraw at most this often. */
  ttyEveryMs?: number;
};

const CLEAR_LINE = '\r\x1b[2K';

/**
 * The one progress line of this process. `log` prints a line above it (other output must go
 * through it on a terminal, or it would be written into the middle of the progress line).
 */
export class ProgressLine {
  private readonly output: ProgressOutput;
  private readonly now: () => number;
  private readonly plainEveryMs: number;
  private readonly ttyEveryMs: number;
  private state: ProgressState | null = null;
  private drawn = '';
  private lastDrawMs = Number.NEGATIVE_INFINITY;

  constructor(options: ProgressOptions = {}) {
    this.output = options.output ?? {
      write: (text) => process.stdout.write(text),
      isTTY: Boolean(process.stdout.isTTY),
    };
    this.now = options.now ?? Date.now;
    this.plainEveryMs = options.plainEveryMs ?? 5_000;
    this.ttyEveryMs = options.ttyEveryMs ?? 100;
  }

  start(label: string, total: number, unit = '', detail?: string) {
    this.state = { label, total, unit, done: 0, startedAtMs: this.now(), detail };
    this.lastDrawMs = Number.NEGATIVE_INFINITY;
    this.draw(true);
  }

  /** Progress measured in time: `expectedS` is how long the work is expected to take. */
  startTimed(label: string, expectedS: number, detail?: string) {
    this.state = { label, total: expectedS, unit: '', done: 0, startedAtMs: this.now(), detail, timed: true };
    this.lastDrawMs = Number.NEGATIVE_INFINITY;
    this.draw(true);
  }

  setDetail(detail: string) {
    if (this.state) this.state.detail = detail;
  }

  /** Redraws if due (timed work has no updates of its own: call it from a timer). */
  tick() {
    this.draw(false);
  }

  update(done: number, detail?: string, total?: number) {
    if (!this.state) return;
    this.state.done = done;
    if (detail !== undefined) this.state.detail = detail;
    if (total !== undefined) this.state.total = total;
    this.draw(false);
  }

  /** Ends the current line with a summary (kept on screen and in logs). */
  finish(summary: string) {
    this.clear();
    this.state = null;
    this.output.write(`${summary}\n`);
  }

  log(line: string) {
    const state = this.state;
    this.clear();
    this.output.write(`${line}\n`);
    if (state && this.output.isTTY) this.draw(true);
  }

  private clear() {
    if (this.output.isTTY && this.drawn) this.output.write(CLEAR_LINE);
    this.drawn = '';
  }

  private draw(force: boolean) {
    if (!this.state) return;
    const now = this.now();
    const every = this.output.isTTY ? this.ttyEveryMs : this.plainEveryMs;
    if (!force && now - this.lastDrawMs < every) return;
    this.lastDrawMs = now;
    const line = formatProgressLine(this.state, now);
    if (this.output.isTTY) {
      this.output.write(`${CLEAR_LINE}${line}`);
      this.drawn = line;
    } else {
      this.output.write(`${line}\n`);
    }
  }
}
