// Shared by playwright.config.ts (server environment) and the tests (sign-in).
export const ADMIN_EMAIL = 'admin@switchyard.local';
export const ADMIN_PASSWORD = 'e2e-admin-password-8c1f';
