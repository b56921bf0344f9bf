import { requireWithCodeCache } from "./compileCache.cjs";

/**
 * The TypeScript faultline uses: the one ts-morph bundles (never a second TypeScript), required
 * straight from @ts-morph/common's copy of TypeScript's own file. ts-morph's `ts` is that same
 * module behind a getter per export; loading @ts-morph/common's 3 MB for it (with minimatch and
 * tinyglobby) would take some 0.1 s of every run, and only `contract` needs ts-morph's Project layer.
 *
 * A CommonJS module on purpose: it require()s TypeScript. An ES import of a CommonJS file first
 * scans its whole source for export names, which costs about 0.1 s on TypeScript's 9 MB; this
 * small file is scanned instead, and ts-morph's own require() finds the same instance. The big
 * file is compiled with a code cache (compileCache.cts) before anything requires it.
 */
requireWithCodeCache(require.resolve("@ts-morph/common/dist/typescript.js"));

// after the call above: TypeScript's CommonJS output keeps statements in this order
import ts from "@ts-morph/common/dist/typescript.js";
export { ts };
