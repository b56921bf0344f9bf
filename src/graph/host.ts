import { readFileSync, realpathSync, readdirSync, statSync } from "node:fs";
import { ts } from "../util/typescript.cjs";

/**
 * TypeScript's module resolution host over the real file system, memoised: resolution asks
 * the same "does X.ts exist?" questions thousands of times across files and tsconfigs.
 */
export function cachedResolutionHost(): ts.ModuleResolutionHost {
  const kinds = new Map<string, "file" | "dir" | "none">();
  const texts = new Map<string, string | undefined>();
  const reals = new Map<string, string>();
  const kindOf = (p: string) => {
    let k = kinds.get(p);
    if (k === undefined) {
      try {
        const s = statSync(p);
        k = s.isFile() ? "file" : s.isDirectory() ? "dir" : "none";
      } catch {
        k = "none";
      }
      kinds.set(p, k);
    }
    return k;
  };
  return {
    fileExists: (p) => kindOf(p) === "file",
    directoryExists: (p) => kindOf(p) === "dir",
    readFile: (p) => {
      if (!texts.has(p)) {
        let t: string | undefined;
        try {
          t = readFileSync(p, "utf8");
        } catch {
          t = undefined;
        }
        texts.set(p, t);
      }
      return texts.get(p);
    },
    realpath: (p) => {
      let r = reals.get(p);
      if (r === undefined) {
        try {
          r = realpathSync(p);
        } catch {
          r = p;
        }
        reals.set(p, r);
      }
      return r;
    },
    getDirectories: (p) => {
      try {
        return readdirSync(p, { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => e.name);
      } catch {
        return [];
      }
    },
    getCurrentDirectory: () => process.cwd(),
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
  };
}
