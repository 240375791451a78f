import { describe, expect, it } from 'vitest';
import { type AlertMessage, emailMessage, type Target, targetWants, webhookBody } from './message';

const message: AlertMessage = {
  alertId: 9,
  event: 'fired',
  ruleId: 2,
  ruleName: 'Rack down',
  severity: 'critical',
  deviceIds: Array.from({ length: 40 }, (_, i) => i + 1),
  value: 900,
  ts: Date.UTC(2026, 0, 1),
};

it('webhook body is Slack-compatible and lists the first devices', () => {
  const body = JSON.parse(webhookBody(message));
  expect(body.text).toBe(
    `[FIRING] [critical] Rack down — 40 devices: ${Array.from({ length: 20 }, (_, i) => i + 1).join(', ')} and 20 more`,
  );
  expect(body.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: body.text } });
  expect(body.switchyard).toMatchObject({ alertId: 9, event: 'fired', at: '2026-01-01T00:00:00.000Z' });
});

it('e-mail names the rule, the value and every device', () => {
  const mail = emailMessage({ ...message, event: 'resolved', deviceIds: [7] });
  expect(mail.subject).toBe('[RESOLVED] [critical] Rack down — 1 device: 7');
  expect(mail.text).toContain('Devices (1): 7');
  expect(mail.text).toContain('Value: 900');
});

describe('targetWants', () => {
  const t = (over: Partial<Target>): Target => ({
    id: 1,
    kind: 'webhook',
    address: 'x',
    minSeverity: 'warning',
    ruleIds: null,
    enabled: true,
    ...over,
  });
  it.each([
    { target: {}, severity: 'info' as const, ruleId: 1, expected: false },
    { target: {}, severity: 'warning' as const, ruleId: 1, expected: true },
    {
      target: { minSeverity: 'critical' as const },
      severity: 'warning' as const,
      ruleId: 1,
      expected: false,
    },
    { target: { ruleIds: [2] }, severity: 'critical' as const, ruleId: 1, expected: false },
    { target: { ruleIds: [1] }, severity: 'critical' as const, ruleId: 1, expected: true },
    { target: { enabled: false }, severity: 'critical' as const, ruleId: 1, expected: false },
  ])('$target $severity rule $ruleId → $expected', ({ target, severity, ruleId, expected }) => {
    expect(targetWants(t(target), ruleId, severity)).toBe(expected);
  });
});
