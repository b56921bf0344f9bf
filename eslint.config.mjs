// One linter, with type information where the code is TypeScript (typescript-eslint).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "fixtures/**", "node_modules/**", "coverage/**", "**/.faultline/**", ".scratch/**"] },
  js.configs.recommended,
  // a reviewer reads diffs side by side: Prettier wraps code at 120, this catches the strings and comments it cannot
  { rules: { "max-len": ["error", { code: 120 }] } },
  {
    files: ["**/*.ts", "**/*.cts", "**/*.mts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["vitest.config.ts", "vitest.browser.config.ts"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ["**/*.mjs", "**/*.js", "**/*.cjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly" } },
  },
);
