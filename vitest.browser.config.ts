import { defineConfig } from "vitest/config";

/**
 * `npm run test:browser`: report.html in a real browser (Debian's Chromium driven by
 * playwright-core). Kept out of `npm test`, which must pass on a machine with only Node.
 */
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // one Chromium at a time: the CI machine has two cores
    fileParallelism: false,
  },
});
