import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // browser tests need Chromium: `npm run test:browser` (vitest.browser.config.ts)
    exclude: ["test/browser/**", "**/node_modules/**"],
    // two workers on the two-core CI machine: the tests run the CLI in-process, and git and the
    // clustering keep both cores busy
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
