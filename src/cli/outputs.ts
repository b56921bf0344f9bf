import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { UserError } from "../util/errors.js";

// Checked before any work, so that a wrong output path costs one line, not a whole analysis
// followed by an internal error.

/** An output folder (made when missing): neither it nor the nearest existing folder above it may be a file. */
export function checkOutDir(label: string, dir: string): void {
  let at = path.resolve(dir);
  while (!existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  if (statSync(at).isDirectory()) return;
  throw new UserError(`${label}: ${at === path.resolve(dir) ? "is" : `${at} is`} a file, not a folder`);
}

/** An output file: not a folder, and in a folder that exists. */
export function checkOutFile(label: string, file: string): void {
  const abs = path.resolve(file);
  if (existsSync(abs) && statSync(abs).isDirectory()) throw new UserError(`${label}: is a folder, not a file`);
  const dir = path.dirname(abs);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UserError(`${label}: no folder ${path.dirname(file)} to write it into`);
}
