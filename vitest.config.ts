import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure logic, fast, parallel) and `integration` (real SQLite files and,
// when TEST_DATABASE_URL is set, a real PostgreSQL; run serially). Files: *.test.ts / *.int.test.ts.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'lib/**/*.test.ts',
            'components/**/*.test.ts',
            'scripts/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['lib/**/*.int.test.ts', 'tests/**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Fault tests against the production server (`npm run build` first): kill -9, DB outages.
          name: 'reliability',
          include: ['tests/reliability/**/*.rel.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
