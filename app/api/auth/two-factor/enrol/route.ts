// POST /api/auth/two-factor/enrol – starts enrolment: a new secret made here, returned with its
// otpauth URI and a QR code (SVG rendered on this server). Nothing is on until /confirm.
import { requireSessionCaller } from '@/lib/auth/account';
import { startEnrolment } from '@/lib/auth/two-factor';
import { publicRoute } from '@/lib/http/route';

export const POST = publicRoute(async ({ req }) => {
  const { actor } = await requireSessionCaller(req);
  return startEnrolment(actor);
});
