/**
 * The TypeScript faultline uses: the one ts-morph bundles (SPEC: never a second TypeScript),
 * taken from @ts-morph/common, which ts-morph itself re-exports it from, so that commands that
 * only parse and resolve do not load ts-morph's Project layer as well.
 *
 * A CommonJS module on purpose: it require()s TypeScript. An ES import of a CommonJS file first
 * scans its whole source for export names, which costs about 0.1 s on TypeScript's 9 MB; this
 * small file is scanned instead, and ts-morph's own require() finds the same instance.
 */
export { ts } from "@ts-morph/common";
