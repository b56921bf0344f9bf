import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { UserError } from "../util/errors.js";

/** The repo folder as an absolute path; an error naming the argument when it is not a folder. */
export function checkRepoDir(rootArg: string): string {
  const root = path.resolve(rootArg);
  if (!existsSync(root)) throw new UserError(`${rootArg}: no such directory`);
  if (!statSync(root).isDirectory()) throw new UserError(`${rootArg}: not a directory`);
  return root;
}
