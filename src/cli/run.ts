import { main } from "./main.js";

// The binary's entry: the CLI on the process's own arguments and streams.

// `faultline graph | head`: a closed pipe ends the output, not the process with a stack trace
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(
      `faultline: ${missingModule(e) ?? `internal error: ${e instanceof Error ? e.stack : String(e)}`}\n`,
    );
    process.exitCode = 70;
  },
);

/** A file of faultline's own install that is missing: one line saying so, not a stack trace. */
function missingModule(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code !== "MODULE_NOT_FOUND" && code !== "ERR_MODULE_NOT_FOUND") return undefined;
  const first = (e as Error).message.split("\n")[0];
  return `incomplete installation: ${first} (reinstall faultline: npm ci)`;
}
