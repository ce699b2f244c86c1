import { z } from "zod";
import { NotFoundError } from "../../../platform/errors.ts";
import type { AppDeps, ZodApp } from "../../../platform/modules.ts";
import { prometheusSourceState } from "./state.repository.ts";

export const prometheusSourceView = z.object({
  /** Every minute before this instant has been read (null: never yet). */
  evaluatedThrough: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z
    .object({ at: z.string().nullable(), field: z.string().nullable(), message: z.string() })
    .nullable(),
});
export type PrometheusSourceView = z.infer<typeof prometheusSourceView>;

/** Where an SLO's Prometheus source stands: what the SLO page shows beside a data gap. */
export function prometheusSourceRoutes(app: ZodApp, { db }: AppDeps): void {
  app.get(
    "/api/v1/slos/:name/prometheus",
    {
      config: { permission: { role: "viewer" } },
      schema: {
        tags: ["slo"],
        description:
          "How far the Prometheus source of an SLO has read, and its last problem (a rejected query names its field).",
        params: z.object({ name: z.string().min(1).max(200) }),
        response: { 200: prometheusSourceView },
      },
    },
    async (request) => {
      const slo = await db.read
        .selectFrom("slos")
        .select("id")
        .where("name", "=", request.params.name)
        .executeTakeFirst();
      if (!slo) throw new NotFoundError(`no SLO named '${request.params.name}'`);
      return (
        (await prometheusSourceState(db.read, request.params.name)) ?? {
          evaluatedThrough: null,
          lastSuccessAt: null,
          lastError: null,
        }
      );
    },
  );
}
