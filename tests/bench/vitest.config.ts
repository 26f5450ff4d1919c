import { defineConfig } from 'vitest/config';

// Benchmarks report numbers (JSON on stdout); they are not part of `npm test`.
export default defineConfig({
  test: { name: 'bench', environment: 'node', include: ['tests/bench/**/*.bench.test.ts'], testTimeout: 120_000 },
});
