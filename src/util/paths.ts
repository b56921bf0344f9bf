import path from "node:path";

/** Repo-relative, `/`-separated: the only form of path faultline prints or writes. */
export function toRepoPath(root: string, abs: string): string {
  const rel = path.relative(root, abs);
  return path.sep === "/" ? rel : rel.split(path.sep).join("/");
}

export function isInside(root: string, abs: string): boolean {
  const rel = path.relative(root, abs);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

/** A path without its JavaScript or TypeScript extension (`.ts`, `.d.ts`, `.mjs`, `.tsx`, ...). */
export function withoutExtension(p: string): string {
  return p.replace(/(\.d)?\.[cm]?[jt]sx?$/, "");
}

/** The deepest folder holding every repo-relative path ("" when they share none). */
export function commonFolder(paths: string[]): string {
  if (paths.length === 0) return "";
  let parts = paths[0].split("/").slice(0, -1);
  for (const p of paths) {
    const q = p.split("/");
    let n = 0;
    while (n < parts.length && parts[n] === q[n]) n++;
    parts = parts.slice(0, n);
  }
  return parts.join("/");
}

/** The folders holding a repo-relative path, innermost first: `a/b/c.ts` is in `a/b` and `a`. */
export function foldersOf(file: string): string[] {
  const out: string[] = [];
  for (let k = file.lastIndexOf("/"); k > 0; k = file.lastIndexOf("/", k - 1)) out.push(file.slice(0, k));
  return out;
}
