import { readFileSync } from "node:fs";

/** Reads a JSON data file of the analysed repo; undefined when absent or not JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function readJson(file: string): any {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}
