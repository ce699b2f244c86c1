import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Every bench/<name>.ts except the runner and its helpers is a benchmark exporting `run()`. */
const notBenchmarks = new Set(["run", "support", "ceiling-server", "ceiling-fastify"]);

function available(): string[] {
  const dir = fileURLToPath(new URL(".", import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.endsWith(".test.ts"))
    .map((f) => f.slice(0, -".ts".length))
    .filter((name) => !notBenchmarks.has(name))
    .sort();
}

async function main(argv: string[]): Promise<number> {
  const names = available();
  const name = argv[0];
  if (!name || !names.includes(name)) {
    if (name) process.stderr.write(`unknown benchmark: ${name}\n`);
    process.stderr.write(`usage: npm run bench -- <name>\navailable: ${names.join(", ")}\n`);
    return 2;
  }
  const benchmark = (await import(`./${name}.ts`)) as { run?: () => Promise<void> };
  if (typeof benchmark.run !== "function") {
    process.stderr.write(`bench/${name}.ts does not export run()\n`);
    return 2;
  }
  await benchmark.run();
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
