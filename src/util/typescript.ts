/**
 * The TypeScript faultline uses: the one ts-morph bundles (SPEC: never a second TypeScript),
 * taken from @ts-morph/common, which ts-morph itself re-exports it from, so that commands that
 * only parse and resolve do not load ts-morph's Project layer as well.
 */
export { ts } from "@ts-morph/common";
