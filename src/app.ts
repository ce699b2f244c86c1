import { randomUUID } from "node:crypto";
import fastifyCookie from "@fastify/cookie";
import fastifySwagger from "@fastify/swagger";
import scalar from "@scalar/fastify-api-reference";
import Fastify, { type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { modules } from "./modules/registry.ts";
import {
  type RouteEntry,
  registerAuthentication,
  requirePermissionOnEveryRoute,
  sessionCookieFor,
} from "./platform/http/authenticate.ts";
import { registerDrain } from "./platform/http/drain.ts";
import { refuseNulCharacters } from "./platform/http/nul-characters.ts";
import { registerObservability } from "./platform/http/observability.ts";
import { handleError, sendProblem } from "./platform/http/problem.ts";
import { registerWeb } from "./platform/http/web.ts";
import { loggerOptions } from "./platform/logging.ts";
import type { AppDeps, ZodApp } from "./platform/modules.ts";

/** An incoming X-Request-Id is kept when it looks like one, so a request can be followed across proxies. */
function requestId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const incoming = req.headers["x-request-id"];
  return typeof incoming === "string" && /^[A-Za-z0-9._:-]{8,128}$/.test(incoming) ? incoming : randomUUID();
}

export interface BuiltApp {
  app: ZodApp;
  /** Every route with its declared permission (tests generate the permission matrix from it). */
  routeTable: RouteEntry[];
  /** Starts refusing new requests with 503; resolves when the in-flight ones have finished. */
  drain(): Promise<void>;
}

export interface BuildOptions {
  /** Tests pass false to keep output quiet; the server passes the configured level. */
  logger?: FastifyServerOptions["logger"];
}

/** Builds the whole HTTP application: platform plugins first, then each module's routes. */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<ZodApp> {
  return (await buildServer(deps, options)).app;
}

/** The app and its drain switch, for the server process. */
export async function buildServer(deps: AppDeps, options: BuildOptions = {}): Promise<BuiltApp> {
  const app = Fastify({
    logger: options.logger ?? loggerOptions(deps.config.logLevel),
    genReqId: requestId,
    requestIdHeader: false,
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: deps.config.trustProxy,
    return503OnClosing: true,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, {
      type: "urn:opsdeck:problem:not-found",
      title: "Not found",
      status: 404,
      detail: `no route ${request.method} ${request.url.split("?")[0]}`,
    }),
  );
  app.addHook("onSend", async (request, reply) => {
    void reply.header("x-request-id", String(request.id));
    void reply.header("x-content-type-options", "nosniff");
    void reply.header("referrer-policy", "same-origin");
    void reply.header("x-frame-options", "DENY");
  });
  refuseNulCharacters(app);
  // YAML manifests arrive as text; the apply route parses them itself to report lines.
  app.addContentTypeParser(
    ["application/yaml", "application/x-yaml", "text/yaml", "text/plain"],
    { parseAs: "string" },
    (_req, body, done) => done(null, body),
  );

  // The API reference plugin registers its own page and assets; they are public documentation.
  const routeTable = requirePermissionOnEveryRoute(app, ["/api/docs"]);
  const drain = registerDrain(app);
  await app.register(fastifyCookie);
  registerAuthentication(app, {
    db: deps.db,
    clock: deps.clock,
    cookie: sessionCookieFor(deps.config.baseUrl),
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "opsdeck API", version: "1" },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: sessionCookieFor(deps.config.baseUrl).name },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.get("/api/openapi.json", { config: { permission: "public" }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await app.register(scalar, { routePrefix: "/api/docs", configuration: { url: "/api/openapi.json" } });

  registerObservability(app, deps, modules);
  for (const m of modules) m.routes?.(app, deps);
  await registerWeb(app, deps.config.webDir);
  return {
    app,
    routeTable,
    drain: () => {
      drain.start();
      return drain.idle();
    },
  };
}
