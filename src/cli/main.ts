import { serve } from "../main.ts";
import { modules } from "../modules/registry.ts";
import {
  type CliCommand,
  cliConfig,
  parseCommandArgs,
  reportFailure,
  UsageError,
  withDatabase,
} from "../platform/cli.ts";
import { seedDemo } from "./demo.ts";

const builtins: CliCommand[] = [
  {
    name: "serve",
    summary: "run the server (migrates the database first)",
    usage: "opsdeck serve",
    options: {},
    run: () => serve(cliConfig()),
  },
  {
    name: "migrate",
    summary: "bring the database schema up to date and exit",
    usage: "opsdeck migrate",
    options: {},
    async run() {
      await withDatabase(async () => {});
      process.stdout.write("database is up to date\n");
    },
  },
  {
    name: "demo",
    summary: "seed a small, realistic organisation to explore (idempotent)",
    usage: "opsdeck demo",
    options: {},
    async run() {
      const summary = await withDatabase((db) => seedDemo(db));
      process.stdout.write(`${summary}\n`);
    },
  },
];

function allCommands(): CliCommand[] {
  return [...builtins, ...modules.flatMap((m) => m.commands ?? [])];
}

function help(commands: CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "opsdeck: the operations platform for infrastructure teams",
    "",
    "usage: opsdeck COMMAND [options]",
    "",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Commands act on the database named by OPSDECK_DATABASE_URL (default sqlite:data/opsdeck.db);",
    "those that take --url act on a running server instead, with OPSDECK_TOKEN.",
  ].join("\n");
}

/** Finds the longest command name that prefixes the arguments ("token create" before "token"). */
function resolve(
  commands: CliCommand[],
  argv: string[],
): { command: CliCommand; rest: string[] } | undefined {
  const sorted = [...commands].sort((a, b) => b.name.split(" ").length - a.name.split(" ").length);
  for (const command of sorted) {
    const words = command.name.split(" ");
    if (words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}

export async function main(argv: string[]): Promise<number> {
  const commands = allCommands();
  if (argv.length === 0 || argv[0] === "help" || argv[0] === "--help" || argv[0] === "-h") {
    process.stdout.write(`${help(commands)}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const found = resolve(commands, argv);
  if (!found) {
    process.stderr.write(`unknown command: ${argv.join(" ")}\n\n${help(commands)}\n`);
    return 2;
  }
  if (found.rest.includes("--help") || found.rest.includes("-h")) {
    process.stdout.write(`${found.command.usage}\n\n${found.command.summary}\n`);
    return 0;
  }
  try {
    await found.command.run(parseCommandArgs(found.command, found.rest));
    return 0;
  } catch (error) {
    const code = reportFailure(error);
    if (error instanceof UsageError) process.stderr.write(`usage: ${found.command.usage}\n`);
    return code;
  }
}

// A reader that stops early (`opsdeck catalog list | head`) closes the pipe: that ends the command quietly,
// as it does for other command-line tools, instead of an unhandled EPIPE with a stack trace. Not for
// `serve`, which must drain and stop through its signal handling whatever happens to its output.
if (process.argv[2] !== "serve")
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    process.stderr.write(`error: cannot write the output: ${error.message}\n`);
    process.exit(1);
  });

const code = await main(process.argv.slice(2));
// `serve` keeps running; every other command ends here.
if (process.argv[2] !== "serve" || code !== 0) process.exitCode = code;
