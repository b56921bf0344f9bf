import { requireWithCodeCache } from "./compileCache.cjs";

/**
 * The TypeScript faultline uses: the one ts-morph bundles (never a second TypeScript),
 * taken from @ts-morph/common, which ts-morph itself re-exports it from, so that commands that
 * only parse and resolve do not load ts-morph's Project layer as well.
 *
 * A CommonJS module on purpose: it require()s TypeScript. An ES import of a CommonJS file first
 * scans its whole source for export names, which costs about 0.1 s on TypeScript's 9 MB; this
 * small file is scanned instead, and ts-morph's own require() finds the same instance. Both big
 * files are compiled with a code cache (compileCache.cts) before anything requires them.
 */
requireWithCodeCache(require.resolve("@ts-morph/common/dist/typescript.js"));
requireWithCodeCache(require.resolve("@ts-morph/common"));

// after the two calls above: TypeScript's CommonJS output keeps statements in this order
import { ts } from "@ts-morph/common";
export { ts };
