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
