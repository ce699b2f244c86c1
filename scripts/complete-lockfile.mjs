#!/usr/bin/env node
// The package registry this project installs from serves only the Linux builds of Biome's and
// DuckDB's platform binaries, so `npm install` here leaves the other platforms' optional packages out of
// package-lock.json, and `npm ci` then refuses the lock as "out of sync". This adds the entries a full
// registry would have written (os/cpu-restricted, never installed on another platform). Run it after
// every `npm install`: `npm run lock:complete`. See docs/adr/0006-lockfile-platform-entries.md.
import { readFileSync, writeFileSync } from "node:fs";

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
// Each native package lists its per-platform builds as optional dependencies named <prefix>-<os>-<cpu>[-musl].
const nativeParents = [
  { key: "node_modules/@biomejs/biome", prefix: "@biomejs/cli-" },
  { key: "node_modules/@duckdb/node-bindings", prefix: "@duckdb/node-bindings-" },
];
let added = 0;
for (const { key: parentKey, prefix } of nativeParents) {
  const parent = lock.packages[parentKey];
  for (const dep of Object.keys(parent?.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (lock.packages[key]) continue;
    const m = /^(\w+)-(\w+?)(-musl)?$/.exec(dep.slice(prefix.length));
    if (!dep.startsWith(prefix) || !m) throw new Error(`unexpected platform package ${dep}`);
    lock.packages[key] = {
      version: parent.optionalDependencies[dep],
      cpu: [m[2]],
      ...(parent.dev ? { dev: true } : {}),
      license: parent.license,
      optional: true,
      os: [m[1]],
      ...(m[3] ? { libc: ["musl"] } : {}),
      ...(parent.engines ? { engines: parent.engines } : {}),
    };
    added++;
  }
}
const order = Object.keys(lock.packages).sort((a, b) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b)));
lock.packages = Object.fromEntries(order.map((k) => [k, lock.packages[k]]));
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`package-lock.json: ${added} platform entr${added === 1 ? "y" : "ies"} added\n`);
