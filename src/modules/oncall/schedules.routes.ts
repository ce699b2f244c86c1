import { z } from "zod";
import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import {
  listSchedulesQuery,
  oncallQuery,
  scheduleView,
  shiftsQuery,
  shiftsResponse,
} from "./oncall.schema.ts";
import {
  createSchedule,
  deleteSchedule,
  getSchedule,
  listSchedules,
  replaceSchedule,
} from "./schedules.service.ts";
import { MAX_WINDOW_DAYS, presentShift, shiftsFor, whoIsOnCall } from "./shifts.service.ts";

const tags = ["oncall"];
const viewer = { permission: { role: "viewer" as const } };
const manager = { permission: { role: "manager" as const } };
const params = z.object({ name: z.string().min(1).max(200) });
// The spec is validated by the service, so that a field is named the same way (`layers.0.rotation.every`)
// whether it came through the API, the CLI or a manifest.
const specBody = (what: string) =>
  z.record(z.string(), z.unknown()).describe(`The Schedule spec (docs/oncall.md) and optional team${what}`);

/** Schedules: CRUD (managers), shifts and who is on call (viewers). */
export function scheduleRoutes(app: ZodApp, { db, clock }: AppDeps): void {
  app.get(
    "/api/v1/schedules",
    {
      config: viewer,
      schema: {
        tags,
        querystring: listSchedulesQuery,
        response: { 200: z.object({ items: z.array(scheduleView) }) },
      },
    },
    async (request) => ({ items: await listSchedules(db, clock, request.query) }),
  );
  app.post(
    "/api/v1/schedules",
    { config: manager, schema: { tags, body: specBody(", with `name`"), response: { 201: scheduleView } } },
    async (request, reply) =>
      reply.status(201).send(await createSchedule(db, request.actionContext(), request.body)),
  );
  app.get(
    "/api/v1/schedules/:name",
    { config: viewer, schema: { tags, params, response: { 200: scheduleView } } },
    async (request) => getSchedule(db, clock, request.params.name),
  );
  app.put(
    "/api/v1/schedules/:name",
    {
      config: manager,
      schema: {
        tags,
        description: "Replaces the schedule's spec; overrides made through the API stay.",
        params,
        body: specBody(""),
        response: { 200: scheduleView },
      },
    },
    async (request) => replaceSchedule(db, request.actionContext(), request.params.name, request.body),
  );
  app.delete(
    "/api/v1/schedules/:name",
    { config: manager, schema: { tags, params, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteSchedule(db, request.actionContext(), request.params.name);
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/api/v1/schedules/:name/shifts",
    {
      config: viewer,
      schema: {
        tags,
        description: `Who is on call over [from, to) (at most ${MAX_WINDOW_DAYS} days): consecutive stretches of one user merged, clipped to the window, UTC.`,
        params,
        querystring: shiftsQuery,
        response: { 200: shiftsResponse },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      const shifts = await shiftsFor(db, request.params.name, new Date(from), new Date(to));
      return { shifts: shifts.map(presentShift) };
    },
  );
  app.get(
    "/api/v1/schedules/:name/oncall",
    {
      config: viewer,
      schema: {
        tags,
        description: "The user on call at `at` (default now), or null when nobody is.",
        params,
        querystring: oncallQuery,
        response: { 200: z.object({ user: z.string().nullable() }) },
      },
    },
    async (request) => {
      const at = request.query.at ? new Date(request.query.at) : clock.now();
      return { user: await whoIsOnCall(db, request.params.name, at) };
    },
  );
}
