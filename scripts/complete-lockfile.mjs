#!/usr/bin/env node
// The package registry this project installs from serves only the Linux glibc builds of Biome's
// platform binaries, so `npm install` here leaves the other platforms' optional packages out of
// package-lock.json, and `npm ci` then refuses the lock as "out of sync". This adds the entries a full
// registry would have written (os/cpu-restricted, never installed on another platform). Run it after
// every `npm install`: `npm run lock:complete`. See docs/adr/0006-lockfile-platform-entries.md.
import { readFileSync, writeFileSync } from "node:fs";

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const biome = lock.packages["node_modules/@biomejs/biome"];
let added = 0;
for (const dep of Object.keys(biome?.optionalDependencies ?? {})) {
  const key = `node_modules/${dep}`;
  if (lock.packages[key]) continue;
  const m = /^@biomejs\/cli-(\w+)-(\w+?)(-musl)?$/.exec(dep);
  if (!m) throw new Error(`unexpected Biome platform package ${dep}`);
  lock.packages[key] = {
    version: biome.optionalDependencies[dep],
    cpu: [m[2]],
    dev: true,
    license: biome.license,
    optional: true,
    os: [m[1]],
    ...(m[3] ? { libc: ["musl"] } : {}),
    engines: biome.engines,
  };
  added++;
}
const order = Object.keys(lock.packages).sort((a, b) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b)));
lock.packages = Object.fromEntries(order.map((k) => [k, lock.packages[k]]));
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`package-lock.json: ${added} platform entr${added === 1 ? "y" : "ies"} added\n`);
