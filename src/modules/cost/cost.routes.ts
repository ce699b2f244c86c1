import type { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import { dailyCost, type RollupDimension } from "./cost.query.ts";
import {
  breakdownQuery,
  breakdownView,
  dailyQuery,
  dailyView,
  importResultView,
  importView,
  rangeQuery,
  resourcesQuery,
  resourcesView,
  taggingView,
} from "./cost.schema.ts";
import { breakdown, listImports } from "./cost.views.ts";
import { importFocusFiles } from "./import.service.ts";
import { topResources } from "./parquet.query.ts";
import { requestReallocation } from "./reallocate.ts";
import { taggingReport } from "./tagging.ts";
import { receiveUpload, uploadLimitBytes, uploadName } from "./upload.ts";

const tags = ["cost"];

export function costRoutes(app: ZodApp, deps: AppDeps): void {
  const { db } = deps;
  app.get(
    "/api/v1/cost/breakdown",
    {
      config: { permission: { role: "viewer" } },
      schema: {
        tags,
        description:
          "Spend between from (inclusive) and to (exclusive) by one dimension or tag:KEY; amounts are decimal strings.",
        querystring: breakdownQuery,
        response: { 200: breakdownView },
      },
    },
    async (request) => breakdown(deps, request.query),
  );
  app.get(
    "/api/v1/cost/daily",
    {
      config: { permission: { role: "viewer" } },
      schema: {
        tags,
        description: "Spend per day, optionally split by a dimension.",
        querystring: dailyQuery,
        response: { 200: dailyView },
      },
    },
    async (request) => {
      const { from, to, metric, groupBy, ...filter } = request.query;
      return dailyCost(db, { from, to, metric, groupBy: groupBy as RollupDimension | undefined, filter });
    },
  );
  app.get(
    "/api/v1/cost/resources",
    {
      config: { permission: { role: "viewer" } },
      schema: {
        tags,
        description: "The costliest resources in a range (from the raw rows).",
        querystring: resourcesQuery,
        response: { 200: resourcesView },
      },
    },
    async (request) => {
      const { from, to, metric, limit, subAccount, ...rest } = request.query;
      return {
        items: await topResources(deps, {
          from,
          to,
          metric,
          limit,
          filter: { ...rest, subAccountId: subAccount },
        }),
      };
    },
  );
  app.get(
    "/api/v1/cost/tagging",
    {
      config: { permission: { role: "viewer" } },
      schema: {
        tags,
        description: "Cost-weighted share of spend carrying the required tags.",
        querystring: rangeQuery,
        response: { 200: taggingView },
      },
    },
    async (request) => taggingReport(deps, request.query),
  );
  app.get(
    "/api/v1/cost/imports",
    {
      config: { permission: { role: "viewer" } },
      schema: { tags, response: { 200: z.object({ items: z.array(importView) }) } },
    },
    async () => ({ items: await listImports(db) }),
  );
  app.post(
    "/api/v1/cost/reallocate",
    {
      config: { permission: { role: "manager" } },
      schema: {
        tags,
        description: "Recomputes the daily rollups from the raw rows (a background job).",
        response: { 202: z.object({ job: z.string() }) },
      },
    },
    async (request, reply) => {
      const job = await requestReallocation(db, request.actionContext(), "requested through the API");
      return reply.status(202).send({ job });
    },
  );
  uploadRoute(app, deps);
}

/** The upload lives in its own scope: a raw-stream body parser and a 512 MiB limit for this route only. */
function uploadRoute(app: ZodApp, deps: AppDeps): void {
  void app.register(async (scope: FastifyInstance) => {
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.removeAllContentTypeParsers();
    r.addContentTypeParser("*", { bodyLimit: uploadLimitBytes }, (_req, payload, done) =>
      done(null, payload),
    );
    r.post(
      "/api/v1/cost/imports",
      {
        config: { permission: { role: "manager" } },
        bodyLimit: uploadLimitBytes,
        schema: {
          tags,
          description:
            "Imports one FOCUS export (CSV, gzip CSV or Parquet) sent as the raw body; name it with ?filename= or X-Filename. All or nothing; a re-imported billing period replaces the earlier one.",
          querystring: z.object({ filename: z.string().max(300).optional() }).strict(),
          response: { 201: importResultView },
        },
      },
      async (request, reply) => {
        const header = request.headers["x-filename"];
        const name = uploadName(request.query.filename ?? (Array.isArray(header) ? header[0] : header));
        const upload = await receiveUpload(request.body as Readable, name);
        try {
          const imports = await importFocusFiles(deps, request.actionContext(), [
            { path: upload.path, name },
          ]);
          return reply.status(201).send({ imports });
        } finally {
          upload.cleanup();
        }
      },
    );
  });
}
