import { withoutExtension } from "../util/paths.js";
import { getOrInsert } from "../util/maps.js";

/**
 * Roles: what a codebase's naming convention says a file *is*, as opposed to what it is about.
 * - a kind suffix: `account.module.ts` and `portfolio.module.ts` are both "*.module",
 *   `about-page.routes.ts` is "*.routes", when files with that suffix sit in many folders;
 * - a file name repeated in many folders: `route.ts` in every admin API folder, `schema.ts` in
 *   every route folder, `index.ts`.
 * "Many" is more folders than a layered app has layers (ROLE_MIN_FOLDERS): a convention repeated
 * across the codebase, while a domain named once per layer (`models/user.ts`, `routes/user.ts`,
 * `services/user.ts`) stays a domain, and a suffix two files happen to share is no role.
 *
 * Files of one role are alike by construction, and their ties say so rather than any shared
 * business: every NestJS module imports other modules, every Angular route file imports the
 * same guard and reads the same (semantic) vocabulary, a sweep over all route files changes them
 * together, and one maintainer owns the whole wiring. Left at full strength these ties pull
 * the wiring into a service of its own, a technical layer; so a pair of files sharing a role
 * couples at ROLE_DAMPING of its weight (docs/design.md "Roles", with the measurement).
 */
export const ROLE_DAMPING = 0.25;
export const ROLE_MIN_FOLDERS = 8;

/** Per file, its role, or undefined when its name follows no convention shared with others. */
export function fileRoles(files: string[]): (string | undefined)[] {
  const candidate = files.map((f) => {
    const base = withoutExtension(f.slice(f.lastIndexOf("/") + 1));
    const dot = base.lastIndexOf(".");
    return dot > 0 && dot < base.length - 1 ? `*.${base.slice(dot + 1)}` : base;
  });
  const folders = new Map<string, Set<string>>();
  files.forEach((f, i) => {
    getOrInsert(folders, candidate[i], () => new Set()).add(
      f.lastIndexOf("/") >= 0 ? f.slice(0, f.lastIndexOf("/")) : "",
    );
  });
  return candidate.map((c) => (folders.get(c)!.size >= ROLE_MIN_FOLDERS ? c : undefined));
}
