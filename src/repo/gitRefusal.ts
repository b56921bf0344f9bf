import { UserError } from "../util/errors.js";

/** A path as one shell word, quoted only where it needs it, so that the printed command runs as pasted. */
const shellWord = (p: string) => (/^[\w./@%+=:,-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`);

/**
 * git's refusal to read a repository that is there, as one line: git's own reason, the folder,
 * and the fix. Most often a folder owned by another user (a container's mounted checkout, a
 * clone made with sudo): git then reads nothing of it, and without this it would pass for "not
 * a git repository". Undefined when git says there is no repository, or said nothing (no git).
 */
export function gitRefusal(stderr: string, root: string): UserError | undefined {
  const fatal = /^fatal: (.*)$/m.exec(stderr)?.[1]?.trim();
  if (!fatal || /not a git repository/i.test(fatal)) return undefined;
  // git 2.35.2+: "detected dubious ownership in repository at '/x'"; 2.35.2 itself: "unsafe repository ('/x' is ...)"
  const owned = /(?:dubious ownership in repository at|unsafe repository \()\s*'([^']*)'/.exec(fatal);
  if (owned)
    return new UserError(
      `${root}: git refuses to read it: ${fatal} (the folder belongs to another user); if you trust it, run ` +
        `git config --global --add safe.directory ${shellWord(owned[1] || root)}`,
    );
  return new UserError(`${root}: git refuses to read it: ${fatal}`);
}
