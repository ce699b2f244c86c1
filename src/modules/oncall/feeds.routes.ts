import { z } from "zod";
import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import { regenerateScheduleFeed, regenerateUserFeed, renderFeed } from "./feeds.service.ts";
import { feedView } from "./oncall.schema.ts";

const tags = ["oncall"];

/** Secret iCalendar feeds: (re)generate the URL while signed in, fetch it without. */
export function feedRoutes(app: ZodApp, { db, clock, config }: AppDeps): void {
  app.post(
    "/api/v1/schedules/:name/feed",
    {
      config: { permission: { role: "manager" } },
      schema: {
        tags,
        description:
          "A new secret iCalendar URL for the schedule, shown once; the previous URL stops working.",
        params: z.object({ name: z.string().min(1).max(200) }),
        response: { 201: feedView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await regenerateScheduleFeed(db, request.actionContext(), config.baseUrl, request.params.name)),
  );
  app.post(
    "/api/v1/me/feed",
    {
      config: { permission: { role: "viewer" } },
      schema: {
        tags,
        description:
          "A new secret iCalendar URL of the caller's shifts in every schedule, shown once; the previous URL stops working.",
        response: { 201: feedView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await regenerateUserFeed(db, request.actionContext(), config.baseUrl)),
  );
  app.get(
    "/api/v1/calendars/:token.ics",
    {
      // The URL is the credential: calendar applications subscribe without signing in.
      config: { permission: { custom: "secret feed URL" } },
      // The request line holds the secret: keep it out of the info-level request log.
      logLevel: "warn",
      schema: {
        tags,
        description: "The iCalendar feed behind a secret URL from POST .../feed (30 days back, 180 ahead).",
        params: z.object({ token: z.string().min(1).max(200) }),
      },
    },
    async (request, reply) => {
      const text = await renderFeed(db, clock, request.params.token);
      return reply
        .type("text/calendar; charset=utf-8")
        .header("cache-control", "private, max-age=300")
        .send(text);
    },
  );
}
