import { z } from "zod";

/** Why a process refuses to start: names the variable and the form it expects. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/**
 * Every environment variable opsdeck reads. Each entry carries the human description of its form,
 * so that a wrong value stops the process with a message a newcomer can act on.
 */
const variables = {
  OPSDECK_DATABASE_URL: {
    form: "sqlite:PATH or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE",
    schema: z
      .string()
      .default("sqlite:data/opsdeck.db")
      .refine((v) => /^sqlite:.+/.test(v) || /^postgres(ql)?:\/\/.+/.test(v)),
  },
  OPSDECK_HOST: {
    form: "an address to listen on, e.g. 127.0.0.1, 0.0.0.0 or ::",
    schema: z.string().min(1).default("127.0.0.1"),
  },
  OPSDECK_PORT: {
    form: "an integer from 0 to 65535",
    schema: z
      .string()
      .regex(/^\d+$/)
      .transform(Number)
      .refine((n) => n <= 65535)
      .default(8080),
  },
  OPSDECK_BASE_URL: {
    form: "the absolute http(s) URL users reach opsdeck at, e.g. https://ops.example.com",
    schema: z
      .url({ protocol: /^https?$/ })
      .transform((u) => u.replace(/\/+$/, ""))
      .optional(),
  },
  OPSDECK_LOG_LEVEL: {
    form: logLevels.join(" | "),
    schema: z.enum(logLevels).default("info"),
  },
  OPSDECK_SQLITE_SYNCHRONOUS: {
    form: "FULL (default: every acknowledged write survives power loss) or NORMAL",
    schema: z.enum(["FULL", "NORMAL"]).default("FULL"),
  },
  OPSDECK_BODY_LIMIT_BYTES: {
    form: "an integer number of bytes, at least 1024",
    schema: z
      .string()
      .regex(/^\d+$/)
      .transform(Number)
      .refine((n) => n >= 1024)
      .default(1024 * 1024),
  },
  OPSDECK_PG_POOL_SIZE: {
    form: "an integer from 1 to 200",
    schema: z
      .string()
      .regex(/^\d+$/)
      .transform(Number)
      .refine((n) => n >= 1 && n <= 200)
      .default(10),
  },
  OPSDECK_SESSION_HOURS: {
    form: "an integer number of hours from 1 to 8760",
    schema: z
      .string()
      .regex(/^\d+$/)
      .transform(Number)
      .refine((n) => n >= 1 && n <= 8760)
      .default(12),
  },
  OPSDECK_TRUST_PROXY: {
    form: "true or false (true when behind a load balancer that sets X-Forwarded-For)",
    schema: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .default(false),
  },
  OPSDECK_WEB_DIR: {
    form: "a directory holding the built web UI",
    schema: z.string().min(1).default("web-dist"),
  },
  OPSDECK_SMTP_URL: {
    form: "smtp://[USER:PASSWORD@]HOST[:PORT] (STARTTLS when offered) or smtps://… (TLS from the start)",
    schema: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/)
      .optional(),
  },
  OPSDECK_SMTP_FROM: {
    form: "the sender address of notification e-mail, e.g. opsdeck@example.com",
    schema: z.email().default("opsdeck@localhost"),
  },
  OPSDECK_EGRESS_ALLOW: {
    form: "comma-separated hosts or CIDR ranges (e.g. 10.0.0.0/8,hooks.internal) that outgoing webhooks may reach although private",
    schema: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean),
      ),
  },
  OPSDECK_COST_DIR: {
    form: "a directory for imported billing data (Parquet); default: `cost/` beside the SQLite file, else data/cost",
    schema: z.string().min(1).optional(),
  },
  OPSDECK_PROMETHEUS_URL: {
    form: "the http(s) base URL of the Prometheus server SLOs with a Prometheus indicator read, e.g. http://prometheus:9090",
    schema: z
      .url({ protocol: /^https?$/ })
      .transform((u) => u.replace(/\/+$/, ""))
      .optional(),
  },
  OPSDECK_INGEST_MAX_PENDING: {
    form: "an integer: queued alert writes above which intake answers 503 with Retry-After (back-pressure)",
    schema: z
      .string()
      .regex(/^\d+$/)
      .transform(Number)
      .refine((n) => n >= 1)
      .default(20000),
  },
} as const;

type Variables = typeof variables;
type Parsed = { readonly [K in keyof Variables]: z.output<Variables[K]["schema"]> };

export interface Config {
  readonly databaseUrl: string;
  readonly host: string;
  readonly port: number;
  /** Where users reach opsdeck; derived from host and port when not set. */
  readonly baseUrl: string;
  readonly logLevel: (typeof logLevels)[number];
  readonly sqliteSynchronous: "FULL" | "NORMAL";
  readonly bodyLimitBytes: number;
  readonly pgPoolSize: number;
  readonly sessionHours: number;
  readonly trustProxy: boolean;
  readonly webDir: string;
  /** Unset: e-mail notifications are recorded as failed with "no SMTP server configured". */
  readonly smtpUrl: string | undefined;
  readonly smtpFrom: string;
  /** Private or loopback destinations outgoing requests may reach anyway (hosts or CIDR ranges). */
  readonly egressAllow: readonly string[];
  readonly ingestMaxPending: number;
  /** Where Prometheus-indicator SLOs are evaluated; unset: they record "no Prometheus configured". */
  readonly prometheusUrl: string | undefined;
  /** Where cost imports keep their Parquet files; undefined: beside the SQLite file (see cost module). */
  readonly costDir: string | undefined;
}

/** The documentation table of the README is generated from the same entries (see docs). */
export function describeVariables(): { name: string; form: string }[] {
  return Object.entries(variables).map(([name, v]) => ({ name, form: v.form }));
}

/** Parses the environment once at start; the result is frozen. Throws ConfigError naming the variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, v] of Object.entries(variables)) {
    const raw = env[name] === "" ? undefined : env[name];
    const result = (v.schema as z.ZodType).safeParse(raw);
    if (result.success) parsed[name] = result.data;
    else problems.push(`${name}=${JSON.stringify(raw)} is not valid: expected ${v.form}`);
  }
  if (problems.length > 0) throw new ConfigError(problems.join("\n"));
  const p = parsed as Parsed;
  const shownHost = p.OPSDECK_HOST === "0.0.0.0" || p.OPSDECK_HOST === "::" ? "localhost" : p.OPSDECK_HOST;
  return Object.freeze({
    databaseUrl: p.OPSDECK_DATABASE_URL,
    host: p.OPSDECK_HOST,
    port: p.OPSDECK_PORT,
    baseUrl:
      p.OPSDECK_BASE_URL ??
      `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${p.OPSDECK_PORT}`,
    logLevel: p.OPSDECK_LOG_LEVEL,
    sqliteSynchronous: p.OPSDECK_SQLITE_SYNCHRONOUS,
    bodyLimitBytes: p.OPSDECK_BODY_LIMIT_BYTES,
    pgPoolSize: p.OPSDECK_PG_POOL_SIZE,
    sessionHours: p.OPSDECK_SESSION_HOURS,
    trustProxy: p.OPSDECK_TRUST_PROXY,
    webDir: p.OPSDECK_WEB_DIR,
    smtpUrl: p.OPSDECK_SMTP_URL,
    smtpFrom: p.OPSDECK_SMTP_FROM,
    egressAllow: Object.freeze([...p.OPSDECK_EGRESS_ALLOW]),
    ingestMaxPending: p.OPSDECK_INGEST_MAX_PENDING,
    prometheusUrl: p.OPSDECK_PROMETHEUS_URL,
    costDir: p.OPSDECK_COST_DIR,
  });
}

/** The process environment, read here and nowhere else. */
export function processEnv(): Record<string, string | undefined> {
  return process.env;
}

/** Where tests find PostgreSQL; undefined means the PostgreSQL half of each suite is skipped (loudly). */
export function testDatabaseUrl(): string | undefined {
  return process.env.OPSDECK_TEST_DATABASE_URL || undefined;
}

/** CI sets this so that a missing PostgreSQL fails the run instead of being skipped. */
export function isCi(): boolean {
  return process.env.CI === "true";
}

/** The API token the CLI sends with `--url` (for CI pipelines talking to a running server). */
export function cliToken(): string | undefined {
  return process.env.OPSDECK_TOKEN || undefined;
}
