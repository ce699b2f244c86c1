import { userInfo } from "node:os";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { systemClock } from "./clock.ts";
import { type Config, cliToken, loadConfig, processEnv } from "./config/config.ts";
import type { ActionContext } from "./context.ts";
import type { Database } from "./db/database.ts";
import { openMigratedDatabase } from "./db/setup.ts";
import { DomainError, InputError } from "./errors.ts";

/** A CLI subcommand contributed by a module, e.g. `user create`. */
export interface CliCommand {
  /** Words after `opsdeck`, e.g. "token create". */
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run(args: CliArgs): Promise<void>;
}

export interface CliArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/** Thrown for a wrong invocation: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

export function parseCommandArgs(command: CliCommand, argv: string[]): CliArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: command.options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as CliArgs["values"], positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function stringOption(args: CliArgs, name: string, required = true): string {
  const v = args.values[name];
  if (typeof v === "string" && v !== "") return v;
  if (required) throw new UsageError(`--${name} is required`);
  return "";
}

/** The environment's config; a wrong value is reported by loadConfig naming the variable. */
export function cliConfig(): Config {
  return loadConfig(processEnv());
}

/** The host administrator acting through the CLI: full rights, audited as `cli`. */
export function cliContext(): ActionContext {
  return {
    actor: { type: "system", label: `cli:${userInfo().username}` },
    requestId: null,
    clock: systemClock,
  };
}

/** Opens the configured database, migrated, for the duration of `work`. */
export async function withDatabase<T>(work: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const config = cliConfig();
  const { db } = await openMigratedDatabase(config);
  try {
    return await work(db, config);
  } finally {
    await db.close();
  }
}

/** Calls a running server's API (the `--url` mode, for CI pipelines) with OPSDECK_TOKEN; JSON answers. */
export async function remoteCall(
  baseUrl: string,
  method: string,
  path: string,
  body?: { contentType: string; text: string },
): Promise<unknown> {
  const text = (await remoteBytes(baseUrl, method, path, body)).toString("utf8");
  return text ? JSON.parse(text) : null;
}

/**
 * The answer's bytes as they are, for documents that are not JSON (rules YAML, a PDF report); an error
 * answer (problem+json) is thrown as an InputError with its title, detail and field errors.
 */
export async function remoteBytes(
  baseUrl: string,
  method: string,
  path: string,
  body?: { contentType: string; text: string },
): Promise<Buffer> {
  const token = cliToken();
  if (!token) throw new UsageError("--url needs OPSDECK_TOKEN set to an API token");
  const res = await fetch(new URL(path, baseUrl), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": body.contentType } : {}) },
    body: body?.text,
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (!res.ok) {
    const text = bytes.toString("utf8");
    const problem = parseProblem(text);
    throw new InputError(
      `${res.status} ${problem?.title ?? res.statusText}: ${problem?.detail ?? text.slice(0, 500)}`,
      problem?.errors ?? [],
    );
  }
  return bytes;
}

interface Problem {
  title?: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}

/** The problem document of an error answer; null when it is not JSON (a proxy's HTML page). */
function parseProblem(text: string): Problem | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" ? (parsed as Problem) : null;
  } catch {
    return null;
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain aligned table for humans; `--json` is for scripts. */
export function printTable(rows: Record<string, unknown>[], columns: string[]): void {
  const cell = (v: unknown) =>
    v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) =>
    vals
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  process.stdout.write(`${line(columns.map((c) => c.toUpperCase()))}\n`);
  for (const r of rows) process.stdout.write(`${line(columns.map((c) => cell(r[c])))}\n`);
}

/** Reads all of standard input (for --password-stdin and piped manifests). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A file the user named that cannot be read (`apply -f missing/`, `incidents import nope.csv`): the path and
 * the reason, without a stack trace. Null for any other error.
 */
export function fileErrorText(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const { code, path, syscall } = error as NodeJS.ErrnoException;
  if (typeof code !== "string" || typeof path !== "string" || typeof syscall !== "string") return null;
  const reason = error.message.replace(/^[A-Z]+: /, "").replace(/, [a-z]+ '.*'$/s, "");
  return `${path}: ${reason}`;
}

/** Prints a failure the way a user can act on it and returns the exit code. */
export function reportFailure(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`error: ${error.message}\n`);
    return 2;
  }
  if (error instanceof DomainError) {
    process.stderr.write(`error: ${error.message}\n`);
    return 1;
  }
  if (error instanceof Error && error.name === "ConfigError") {
    process.stderr.write(`configuration error:\n${error.message}\n`);
    return 2;
  }
  const fileError = fileErrorText(error);
  if (fileError) {
    process.stderr.write(`error: ${fileError}\n`);
    return 1;
  }
  process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
