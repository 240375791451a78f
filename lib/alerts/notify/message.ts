// What a notification says, pure: a Slack-compatible webhook body and an e-mail, from one alert.
import type { StatementMessage } from '../../reports/statements';
import type { Severity } from '../types';

export type NotifyEvent = 'fired' | 'resolved';

export type AlertMessage = {
  alertId: number;
  event: NotifyEvent;
  ruleId: number;
  ruleName: string;
  severity: Severity;
  deviceIds: number[];
  value: number | string | null;
  ts: number;
};

export type Target = {
  id: number;
  kind: 'webhook' | 'email';
  address: string;
  minSeverity: Severity;
  ruleIds: number[] | null;
  enabled: boolean;
};

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** Targets take alerts of their rules (all when unset) at or above their lowest severity. */
export function targetWants(t: Target, ruleId: number, severity: Severity): boolean {
  return (
    t.enabled && RANK[severity] >= RANK[t.minSeverity] && (t.ruleIds === null || t.ruleIds.includes(ruleId))
  );
}

const LISTED = 20;

function summary(m: AlertMessage): string {
  const n = m.deviceIds.length;
  const list = m.deviceIds.slice(0, LISTED).join(', ') + (n > LISTED ? ` and ${n - LISTED} more` : '');
  const what = m.event === 'fired' ? 'FIRING' : 'RESOLVED';
  return `[${what}] [${m.severity}] ${m.ruleName} — ${n} device${n === 1 ? '' : 's'}${n ? `: ${list}` : ''}`;
}

/** Slack incoming-webhook shape (`text` + `blocks`), with the structured alert alongside. */
export function webhookBody(m: AlertMessage): string {
  const text = summary(m);
  return JSON.stringify({
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
    switchyard: {
      alertId: m.alertId,
      event: m.event,
      ruleId: m.ruleId,
      severity: m.severity,
      deviceIds: m.deviceIds,
      value: m.value,
      at: new Date(m.ts).toISOString(),
    },
  });
}

export function emailMessage(m: AlertMessage): { subject: string; text: string } {
  const subject = summary(m).slice(0, 180);
  const lines = [
    `Rule: ${m.ruleName} (#${m.ruleId})`,
    `Alert: #${m.alertId} ${m.event} at ${new Date(m.ts).toISOString()}`,
    `Severity: ${m.severity}`,
    `Value: ${m.value ?? 'n/a'}`,
    `Devices (${m.deviceIds.length}): ${m.deviceIds.join(', ')}`,
  ];
  return { subject, text: lines.join('\n') };
}

const money = (v: number | null | undefined) =>
  v === null || v === undefined ? 'n/a' : `$${v.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

function statementSummary(m: StatementMessage): string {
  const kwh = m.totals.energyKwh;
  const energy =
    kwh === null || kwh === undefined ? 'n/a' : kwh.toLocaleString('en-US', { maximumFractionDigits: 1 });
  return `Statement ${m.period} for ${m.tenantName}: ${energy} kWh, energy cost ${money(m.totals.energyCostUsd)}`;
}

/** A new monthly statement, Slack-compatible, with the download path alongside. */
export function statementWebhookBody(m: StatementMessage): string {
  const text = statementSummary(m);
  return JSON.stringify({
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
    switchyard: {
      event: 'statement',
      statementId: m.statementId,
      tenantId: m.tenantId,
      period: m.period,
      totals: m.totals,
      downloadPath: `/api/v1/statements/${m.statementId}`,
      at: new Date(m.ts).toISOString(),
    },
  });
}

export function statementEmail(m: StatementMessage): { subject: string; text: string } {
  const lines = [
    statementSummary(m),
    '',
    ...Object.entries(m.totals).map(([k, v]) => `${k}: ${v ?? 'n/a'}`),
    '',
    'The statement is attached as a PDF.',
  ];
  return { subject: statementSummary(m).slice(0, 180), text: lines.join('\n') };
}
