import { existsSync } from "node:fs";
import { resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import type { ZodApp } from "../modules.ts";
import { sendProblem } from "./problem.ts";

/** The UI has no inline scripts or styles, so the page may load only its own files. */
const contentSecurityPolicy =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

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
    const file = path.slice(1);
    const exists = built && file !== "" && !file.includes("..") && existsSync(resolve(root, file));
    // A missing hashed asset (an old tab after a redeploy) must be a 404, not index.html served as script.
    if (!exists && (path.startsWith("/api/") || path.startsWith("/assets/") || !built)) {
      return sendProblem(reply, request, {
        type: "urn:opsdeck:problem:not-found",
        title: "Not found",
        status: 404,
        detail: built
          ? `no route ${request.method} ${path}`
          : "the web UI is not built; run npm run build:web",
      });
    }
    if (exists) {
      const immutable = file.startsWith("assets/");
      return reply
        .header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache")
        .sendFile(file);
    }
    return reply
      .header("cache-control", "no-cache")
      .header("content-security-policy", contentSecurityPolicy)
      .sendFile("index.html");
  });
}
