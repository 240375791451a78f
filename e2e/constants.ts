// Shared by playwright.config.ts (server environment) and the tests (sign-in).
export const ADMIN_EMAIL = 'admin@switchyard.local';
export const ADMIN_PASSWORD = 'e2e-admin-password-8c1f';

/** The live simulator's seed (playwright.config.ts passes it to the server): its fault schedule is a function of it. */
export const SIM_SEED = 42;
