/** Associated data of the encrypted TOTP secrets (lib/secrets): binds each to its user and purpose. */
export const totpAad = (userId: number) => `user:${userId}:totp`;
export const pendingTotpAad = (userId: number) => `user:${userId}:totp-pending`;
