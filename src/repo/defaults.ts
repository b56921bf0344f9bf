// Defaults of the file scope, light to import (the CLI's --help shows them).

/** Tests, stories, mocks, fixtures and generated files: left out by `analyze` unless --include-tests. */
export const DEFAULT_TEST_GLOBS = [
  "**/*.{test,spec,stories,story,e2e,cy}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}",
  // end-to-end suites by variant (`orders.e2e-spec.ts`, `billing.e2e-ee.ts`)
  "**/*.e2e-*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}",
  // test doubles and helpers beside the code they stand in for (`user.service.mock.ts`, `mock.ts`,
  // `calculator-test-utils.ts`)
  "**/*.{mock,mocks}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}",
  "**/{mock,mocks}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}",
  "**/*test-utils.{ts,tsx,mts,cts,js,jsx,mjs,cjs}",
  "**/test-utils/**",
  "**/{__tests__,__mocks__,__fixtures__,__snapshots__,test,tests,e2e,fixtures,mocks}/**",
  "**/{stories,.storybook,generated,__generated__}/**",
  "**/*.generated.{ts,tsx}",
];
