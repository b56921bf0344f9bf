/**
 * Roles: what a codebase's naming convention says a file *is*, as opposed to what it is about.
 * - a kind suffix: `account.module.ts` and `portfolio.module.ts` are both ".module",
 *   `about-page.routes.ts` is ".routes";
 * - a file name repeated in many folders: `route.ts` in every admin API folder, `schema.ts` in
 *   every route folder, `index.ts`. "Many" is more folders than a layered app has layers
 *   (ROLE_MIN_FOLDERS), so that a domain named once per layer (`models/user.ts`,
 *   `routes/user.ts`, `services/user.ts`) stays a domain and never becomes a role.
 *
 * Files of one role are alike by construction, and their ties say so rather than any shared
 * business: every NestJS module imports other modules, every Angular route file imports the
 * same guard and reads the same (semantic) vocabulary, a sweep over all route files changes them
 * together, and one maintainer owns the whole wiring. Left at full strength these ties pull
 * the wiring into a service of its own, a technical layer; so a pair of files sharing a role
 * couples at ROLE_DAMPING of its weight (README "Coupling model", with the measurement).
 */
export const ROLE_DAMPING = 0.25;
export const ROLE_MIN_FOLDERS = 8;

const EXTENSION = /(\.d)?\.[cm]?[jt]sx?$/;

/** Per file, its role, or undefined when its name follows no convention shared with others. */
export function fileRoles(files: string[]): (string | undefined)[] {
  const base = files.map((f) => f.slice(f.lastIndexOf("/") + 1).replace(EXTENSION, ""));
  const folders = new Map<string, Set<string>>();
  files.forEach((f, i) => {
    const dir = f.lastIndexOf("/") >= 0 ? f.slice(0, f.lastIndexOf("/")) : "";
    let set = folders.get(base[i]);
    if (!set) folders.set(base[i], (set = new Set()));
    set.add(dir);
  });
  return base.map((b) => {
    const dot = b.lastIndexOf(".");
    if (dot > 0 && dot < b.length - 1) return `*.${b.slice(dot + 1)}`;
    return folders.get(b)!.size >= ROLE_MIN_FOLDERS ? b : undefined;
  });
}
