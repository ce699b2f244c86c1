#!/usr/bin/env node
// Runs the CLI on Node 24 even when the shell's `node` is older: opsdeck's TypeScript runs natively on
// Node 24 (type stripping), which the `node@24` dependency brings into node_modules.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const major = Number(process.versions.node.split(".")[0]);
if (major >= 24) {
  await import("../src/cli/main.ts");
} else {
  const bundled = fileURLToPath(new URL("../node_modules/node/bin/node", import.meta.url));
  if (!existsSync(bundled)) {
    process.stderr.write(
      `opsdeck needs Node.js 24 or newer (this is ${process.version}); run npm ci first\n`,
    );
    process.exit(2);
  }
  const child = spawn(bundled, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  // Forward stop signals so `serve` shuts down gracefully under a process manager.
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
