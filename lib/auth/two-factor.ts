// Two-factor (TOTP) for users: enrol, confirm, recovery codes, disable, admin reset, and the check
// the sign-in's second step uses. Secrets live encrypted (lib/secrets, aad `user:<id>:totp`);
// recovery codes as SHA-256 only; the last accepted time step per user refuses a replayed code.
import QRCode from 'qrcode';
import { z } from 'zod';
import { recordAudit } from '../audit/record';
import { getDb } from '../db/client';
import { AppError, badRequest, conflict, notFound } from '../errors';
import { decryptSecret, encryptSecret } from '../secrets/secrets';
import { type Actor, requireStaff } from './actor';
import { MAX_PASSWORD_LENGTH, verifyPassword } from './secrets';
import {
  decodeTotpKey,
  encodeTotpKey,
  generateRecoveryCode,
  generateTotpKey,
  hashRecoveryCode,
  matchTotpStep,
  normalizeRecoveryCode,
  RECOVERY_CODE_COUNT,
  totpUri,
} from './totp';
import { pendingTotpAad, totpAad } from './two-factor-aad';
import { readTwoFactorPolicy } from './two-factor-policy';
import { throttledCheck } from './two-factor-throttle';

export const TOTP_ISSUER = 'Switchyard';

export const CodeInput = z.strictObject({ code: z.string().min(1, 'Enter the code').max(20) });
/** The sign-in's second step: a code from the app, or one of the recovery codes. */
export const SecondFactorInput = z
  .strictObject({ code: z.string().max(20).optional(), recoveryCode: z.string().max(40).optional() })
  .refine((v) => (v.code === undefined) !== (v.recoveryCode === undefined), {
    message: 'Send either code or recoveryCode',
  });
export type SecondFactorInput = z.infer<typeof SecondFactorInput>;
/** Turning two-factor off or replacing recovery codes proves presence again: the password or a code. */
export const ReauthInput = z
  .strictObject({
    password: z.string().max(MAX_PASSWORD_LENGTH).optional(),
    code: z.string().max(20).optional(),
  })
  .refine((v) => (v.password === undefined) !== (v.code === undefined), {
    message: 'Send either password or code',
  });
export type ReauthInput = z.infer<typeof ReauthInput>;

export type TwoFactorStatus = {
  enabled: boolean;
  enabledAt: string | null;
  /** An enrolment was started and awaits its first code. */
  pending: boolean;
  recoveryCodesRemaining: number;
  /** The user's role must use two-factor (Settings → Users). */
  required: boolean;
};

function ownUserId(actor: Actor): number {
  if (actor.kind !== 'user' || actor.id === null) throw badRequest('Only a signed-in user has two-factor');
  return actor.id;
}

async function loadUser(id: number) {
  const user = await getDb().user.findUnique({ where: { id } });
  if (!user) throw notFound('User');
  return user;
}

const invalidCode = (field = 'code') =>
  new AppError(400, 'invalid_code', 'That code is not valid', [
    { path: field, message: 'That code is not valid' },
  ]);

export async function getTwoFactorStatus(actor: Actor): Promise<TwoFactorStatus> {
  const user = await loadUser(ownUserId(actor));
  const remaining = await getDb().twoFactorRecoveryCode.count({ where: { userId: user.id, usedAt: null } });
  const policy = await readTwoFactorPolicy();
  return {
    enabled: user.totpSecret !== null,
    enabledAt: user.totpEnabledAt?.toISOString() ?? null,
    pending: user.totpPendingSecret !== null,
    recoveryCodesRemaining: user.totpSecret ? remaining : 0,
    required: policy.requiredRoles.includes(user.role),
  };
}

export type EnrolmentStart = { secret: string; otpauthUri: string; qrSvg: string };

/** Generates a new secret (server-side), kept pending until a first code confirms the app has it. */
export async function startEnrolment(actor: Actor): Promise<EnrolmentStart> {
  const user = await loadUser(ownUserId(actor));
  if (user.totpSecret) throw conflict('Two-factor is already on: turn it off first to enrol another app');
  const key = generateTotpKey();
  const secret = encodeTotpKey(key);
  await getDb().user.update({
    where: { id: user.id },
    data: { totpPendingSecret: encryptSecret(secret, pendingTotpAad(user.id)) },
  });
  const otpauthUri = totpUri(TOTP_ISSUER, user.email, key);
  // Rendered here, not by a web service: the secret never leaves this server except to the user.
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  await recordAudit(actor, 'auth.two_factor_enrol_start', `user:${user.id}`);
  return { secret, otpauthUri, qrSvg };
}

async function replaceRecoveryCodes(userId: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
  await getDb().$transaction([
    getDb().twoFactorRecoveryCode.deleteMany({ where: { userId } }),
    getDb().twoFactorRecoveryCode.createMany({
      data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(normalizeRecoveryCode(c) as string) })),
    }),
  ]);
  return codes;
}

/**
 * The first code proves the app holds the pending secret: two-factor goes on, ten recovery codes
 * are made (returned here only), and the user's other sessions end (they were opened without it).
 */
export async function confirmEnrolment(
  actor: Actor,
  currentSessionId: string | null,
  input: z.infer<typeof CodeInput>,
  nowMs = Date.now(),
): Promise<{ recoveryCodes: string[] }> {
  const user = await loadUser(ownUserId(actor));
  if (user.totpSecret) throw conflict('Two-factor is already on');
  if (!user.totpPendingSecret) throw badRequest('Start the enrolment first');
  const secret = decryptSecret(user.totpPendingSecret, pendingTotpAad(user.id));
  let step: number | null = null;
  const ok = await throttledCheck(
    user.id,
    async () => {
      step = matchTotpStep(decodeTotpKey(secret), input.code, nowMs, null);
      return step !== null;
    },
    nowMs,
  );
  if (!ok || step === null) {
    await recordAudit(actor, 'auth.two_factor_failed', `user:${user.id}`, { during: 'enrol' });
    throw invalidCode();
  }
  const updated = await getDb().user.updateMany({
    where: { id: user.id, totpSecret: null, totpPendingSecret: user.totpPendingSecret },
    data: {
      totpSecret: encryptSecret(secret, totpAad(user.id)),
      totpPendingSecret: null,
      totpEnabledAt: new Date(nowMs),
      totpLastStep: step,
    },
  });
  if (updated.count !== 1) throw conflict('The enrolment changed meanwhile; start again');
  const recoveryCodes = await replaceRecoveryCodes(user.id);
  const ended = await getDb().session.deleteMany({
    where: { userId: user.id, ...(currentSessionId ? { id: { not: currentSessionId } } : {}) },
  });
  await recordAudit(actor, 'auth.two_factor_enable', `user:${user.id}`, { sessionsEnded: ended.count });
  return { recoveryCodes };
}

/** A code from the user's app, accepted once: the matched time step is stored compare-and-set. */
async function acceptTotp(userId: number, code: string, nowMs: number): Promise<boolean> {
  const user = await getDb().user.findUnique({
    where: { id: userId },
    select: { totpSecret: true, totpLastStep: true },
  });
  if (!user?.totpSecret) return false;
  const key = decodeTotpKey(decryptSecret(user.totpSecret, totpAad(userId)));
  const step = matchTotpStep(key, code, nowMs, user.totpLastStep);
  if (step === null) return false;
  const claimed = await getDb().user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return claimed.count === 1;
}

/** A recovery code, spent on use (compare-and-set on `used_at`, so two requests cannot share it). */
async function spendRecoveryCode(userId: number, input: string, nowMs: number): Promise<boolean> {
  const normalized = normalizeRecoveryCode(input);
  if (!normalized) return false;
  const spent = await getDb().twoFactorRecoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(normalized), usedAt: null },
    data: { usedAt: new Date(nowMs) },
  });
  return spent.count === 1;
}

/** The second factor of a sign-in, under the user's back-off. Returns which kind matched, or null. */
export async function verifySecondFactor(
  userId: number,
  input: SecondFactorInput,
  nowMs = Date.now(),
): Promise<'totp' | 'recovery' | null> {
  const kind = input.code !== undefined ? 'totp' : 'recovery';
  const ok = await throttledCheck(
    userId,
    () =>
      kind === 'totp'
        ? acceptTotp(userId, input.code as string, nowMs)
        : spendRecoveryCode(userId, input.recoveryCode as string, nowMs),
    nowMs,
  );
  return ok ? kind : null;
}

async function reauthenticate(actor: Actor, input: ReauthInput, nowMs: number) {
  const user = await loadUser(ownUserId(actor));
  if (!user.totpSecret) throw badRequest('Two-factor is not on');
  const ok = await throttledCheck(
    user.id,
    () =>
      input.password !== undefined
        ? verifyPassword(user.passwordHash, input.password)
        : acceptTotp(user.id, input.code as string, nowMs),
    nowMs,
  );
  if (!ok) {
    await recordAudit(actor, 'auth.two_factor_failed', `user:${user.id}`, { during: 'reauth' });
    throw input.password !== undefined
      ? new AppError(400, 'invalid_credentials', 'The password is incorrect', [
          { path: 'password', message: 'The password is incorrect' },
        ])
      : invalidCode();
  }
  return user;
}

const CLEARED = { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null };

export async function disableTwoFactor(actor: Actor, input: ReauthInput, nowMs = Date.now()): Promise<void> {
  const user = await reauthenticate(actor, ReauthInput.parse(input), nowMs);
  await getDb().$transaction([
    getDb().user.update({ where: { id: user.id }, data: CLEARED }),
    getDb().twoFactorRecoveryCode.deleteMany({ where: { userId: user.id } }),
  ]);
  await recordAudit(actor, 'auth.two_factor_disable', `user:${user.id}`);
}

export async function regenerateRecoveryCodes(
  actor: Actor,
  input: ReauthInput,
  nowMs = Date.now(),
): Promise<{ recoveryCodes: string[] }> {
  const user = await reauthenticate(actor, ReauthInput.parse(input), nowMs);
  const recoveryCodes = await replaceRecoveryCodes(user.id);
  await recordAudit(actor, 'auth.two_factor_recovery_codes', `user:${user.id}`);
  return { recoveryCodes };
}

/**
 * An admin turns off a user's two-factor (lost phone and codes). The user's sessions end; if the
 * role requires two-factor they enrol again at the next sign-in.
 */
export async function resetTwoFactor(actor: Actor, userId: number): Promise<void> {
  requireStaff(actor, 'admin');
  await loadUser(userId);
  await getDb().$transaction([
    getDb().user.update({ where: { id: userId }, data: CLEARED }),
    getDb().twoFactorRecoveryCode.deleteMany({ where: { userId } }),
    getDb().session.deleteMany({ where: { userId } }),
  ]);
  await recordAudit(actor, 'user.two_factor_reset', `user:${userId}`);
}
