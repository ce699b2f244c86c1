import { existsSync } from "node:fs";
import { resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import type { ZodApp } from "../modules.ts";
import { sendProblem } from "./problem.ts";

/**
 * Serves the built single-page app: real files when they exist, index.html for every other page path
 * (client-side routes), and problem+json 404s under /api so API clients never get HTML.
 */
export async function registerWeb(app: ZodApp, webDir: string): Promise<void> {
  const root = resolve(webDir);
  const built = existsSync(resolve(root, "index.html"));
  if (built) await app.register(fastifyStatic, { root, serve: false });
  app.get("/*", { config: { permission: "public" }, schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    if (path.startsWith("/api/") || !built) {
      return sendProblem(reply, request, {
        type: "urn:opsdeck:problem:not-found",
        title: "Not found",
        status: 404,
        detail: built
          ? `no route ${request.method} ${path}`
          : "the web UI is not built; run npm run build:web",
      });
    }
    const file = path.slice(1);
    if (file && !file.includes("..") && existsSync(resolve(root, file))) {
      const immutable = file.startsWith("assets/");
      return reply
        .header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache")
        .sendFile(file);
    }
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
}
