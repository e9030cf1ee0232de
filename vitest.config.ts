import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Integration tests start real processes; give them room on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
