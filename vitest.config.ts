import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The examples import `@intc/runtime`: under tests, the runtime's source, so they and the tests share one
    // copy of its classes (tsc and a user's project resolve it through node_modules to packages/runtime/dist).
    alias: { '@intc/runtime': fileURLToPath(new URL('./packages/runtime/src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
