import { createRequire } from "node:module";

/**
 * CommonJS packages, `require`d rather than ES-imported: Node then skips scanning their source for
 * export names, which cost as much as loading them (commander 16 ms against 10, ignore 14 against
 * 3 on the 2-core machine). Callers load them when first needed.
 */
export const requireCjs = createRequire(import.meta.url);

/**
 * Throws Node's own "Cannot find module" error when TypeScript's file (the one util/typescript.cts
 * requires) is missing from the install, before an ES import of a module needing it fails inside
 * Node's loader, which reports such a failure a second time, uncaught, with its stack.
 */
export function assertTypeScript(): void {
  requireCjs.resolve("@ts-morph/common/dist/typescript.js");
}
