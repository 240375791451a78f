// Alerting objects for the authorization matrix: `a` concerns tenant A, `b` tenant B, `spare`
// the staff (rules by scope, alerts by the devices they list; silences and targets are staff-only).
import { getDb } from '../../lib/db/client';

type Triple = { a: number; b: number; spare: number };

export async function createAlertFixtures(tenantA: number, tenantB: number, devices: Triple) {
  const db = getDb();
  const now = BigInt(Date.now());
  const rule = (name: string, tenantId: number | null) =>
    db.alertRule.create({
      data: {
        name,
        metric: 'chipTempC',
        op: '>',
        threshold: '95',
        forS: 60,
        severity: 'warning',
        scope: JSON.stringify(tenantId === null ? {} : { tenantId }),
        createdAt: now,
        updatedAt: now,
      },
    });
  const rules = {
    a: (await rule('Alpha rule', tenantA)).id,
    b: (await rule('Bravo rule', tenantB)).id,
    spare: (await rule('Spare rule', null)).id,
  };
  const alert = async (deviceId: number) => {
    const created = await db.alert.create({
      data: {
        ruleId: rules.spare,
        groupKey: `matrix:${deviceId}`,
        status: 'firing',
        severity: 'warning',
        firedAt: now,
      },
    });
    await db.alertDevice.create({
      data: { alertId: created.id, deviceId, subjectKey: `d:${deviceId}`, firedAt: now, value: '99' },
    });
    return created.id;
  };
  const silence = async () =>
    (
      await db.alertSilence.create({
        data: { scope: '{}', startsAt: now, endsAt: now + 3_600_000n, createdBy: 'matrix', createdAt: now },
      })
    ).id;
  const target = async (name: string) =>
    (
      await db.notificationTarget.create({
        data: { name, kind: 'webhook', address: 'http://127.0.0.1:9/hook', createdAt: now },
      })
    ).id;
  const webhook = async (name: string) =>
    (
      await db.webhookEndpoint.create({
        data: { name, url: 'http://127.0.0.1:9/events', secret: 'whsec_matrix', createdAt: now },
      })
    ).id;
  const webhooks = { a: await webhook('matrix a'), spare: await webhook('matrix spare') };
  const silences = { a: await silence(), spare: await silence() };
  const targets = { a: await target('matrix a'), spare: await target('matrix spare') };
  return {
    alertRule: rules,
    alert: { a: await alert(devices.a), b: await alert(devices.b), spare: await alert(devices.spare) },
    silence: { ...silences, b: silences.a },
    target: { ...targets, b: targets.a },
    webhook: { ...webhooks, b: webhooks.a },
  };
}
