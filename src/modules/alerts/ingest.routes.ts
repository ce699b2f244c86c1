import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import { entityName } from "../../platform/schema-common.ts";
import type { IncomingAlert } from "./alert.ts";
import {
  alertmanagerWebhook,
  fromAlertmanagerWebhook,
  fromPostableAlerts,
  postableAlerts,
} from "./formats/alertmanager.ts";
import { fromGenericAlert, genericAlert } from "./formats/generic.ts";
import { fromGrafanaWebhook, grafanaWebhook } from "./formats/grafana.ts";
import { dedupKeyOf, fromPagerDutyEvent, pagerDutyEvent } from "./formats/pagerduty.ts";
import { pingHeartbeat } from "./heartbeats.service.ts";
import type { IngestBatcher } from "./ingest.batcher.ts";
import {
  authenticateAs,
  intakeBodyLimit,
  integrationOf,
  isAuthenticated,
  keyAuth,
  parseIntakeBody,
  unauthorized,
} from "./ingest.http.ts";
import { integrationForKey } from "./integrations.service.ts";
import type { CompiledIntegration } from "./routing.ts";

const tags = ["alert intake"];
const custom = { permission: { custom: "integration key" } };
const params = z.object({ name: entityName });
const outcome = z.object({
  fingerprint: z.string(),
  outcome: z.enum(["created", "updated", "unchanged", "resolved", "acknowledged", "suppressed", "ignored"]),
  alertId: z.string().nullable(),
  incidentId: z.string().nullable(),
});
const accepted = z.object({ status: z.literal("success"), alerts: z.array(outcome) });
const pagerDutyAccepted = z.object({
  status: z.literal("success"),
  message: z.string(),
  dedup_key: z.string(),
});

/**
 * Every receiver. Each answers 2xx only after its alerts are committed (the batcher resolves after COMMIT),
 * 401 for a wrong key, 400 for a payload it cannot take, 413 above 1 MiB and 503 with Retry-After under
 * overload. Registered in their own plugin scope for the body parser that checks UTF-8.
 */
export function intakeRoutes(app: ZodApp, deps: AppDeps, batcher: IngestBatcher): void {
  const { config, db, clock } = deps;
  void app.register(async (scope: FastifyInstance) => {
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.removeAllContentTypeParsers();
    r.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: intakeBodyLimit }, parseIntakeBody);
    const auth = keyAuth(deps, batcher);
    const base = { config: custom, bodyLimit: intakeBodyLimit, onRequest: auth };
    const submit = (integration: CompiledIntegration, alerts: IncomingAlert[]) =>
      batcher
        .submit({ integration, alerts })
        .then((outcomes) => ({ status: "success" as const, alerts: outcomes }));

    r.post(
      "/api/v1/integrations/:name/alertmanager",
      {
        ...base,
        schema: {
          tags,
          description: "Alertmanager webhook, version 4 (`webhook_configs`).",
          params,
          body: alertmanagerWebhook,
          response: { 200: accepted },
        },
      },
      async (request) =>
        submit(
          integrationOf(request, config.baseUrl, ["alertmanager"]),
          fromAlertmanagerWebhook(request.body),
        ),
    );
    const postable = {
      ...base,
      schema: {
        tags,
        description: "Drop-in Alertmanager API: Prometheus posts its alerts here.",
        body: postableAlerts,
        response: { 200: accepted },
      },
    };
    r.post("/api/v2/alerts", postable, async (request) =>
      submit(
        integrationOf(request, config.baseUrl, ["alertmanager"]),
        fromPostableAlerts(request.body, clock.now()),
      ),
    );
    r.post(
      "/api/v1/integrations/:name/alertmanager/api/v2/alerts",
      { ...postable, schema: { ...postable.schema, params } },
      async (request) =>
        submit(
          integrationOf(request, config.baseUrl, ["alertmanager"]),
          fromPostableAlerts(request.body, clock.now()),
        ),
    );
    r.post(
      "/api/v1/integrations/:name/grafana",
      {
        ...base,
        schema: {
          tags,
          description: "Grafana alerting webhook contact point.",
          params,
          body: grafanaWebhook,
          response: { 200: accepted },
        },
      },
      async (request) =>
        submit(integrationOf(request, config.baseUrl, ["grafana"]), fromGrafanaWebhook(request.body)),
    );
    r.post(
      "/api/v1/integrations/:name/webhook",
      {
        ...base,
        schema: {
          tags,
          description: "opsdeck's generic JSON webhook (docs/alerts.md).",
          params,
          body: genericAlert,
          response: { 200: accepted },
        },
      },
      async (request) =>
        submit(integrationOf(request, config.baseUrl, ["webhook"]), [fromGenericAlert(request.body)]),
    );
    const pagerDuty = {
      ...base,
      onRequest: keyAuth(deps, batcher, { bodyKey: true }),
      schema: {
        tags,
        description:
          "PagerDuty Events API v2. The key goes in Authorization: Bearer or, as PagerDuty senders do, in routing_key.",
        body: pagerDutyEvent,
        response: { 202: pagerDutyAccepted },
      },
    };
    const enqueue = async (request: FastifyRequest, reply: FastifyReply, name?: string) => {
      const body = request.body as z.output<typeof pagerDutyEvent>;
      if (!isAuthenticated(request)) {
        const integration = body.routing_key ? await integrationForKey(db, clock, body.routing_key) : null;
        if (!integration || (name !== undefined && integration.name !== name))
          return unauthorized(request, reply);
        authenticateAs(request, integration);
      }
      await batcher.submit({
        integration: integrationOf(request, config.baseUrl, ["pagerduty"]),
        alerts: [fromPagerDutyEvent(body)],
      });
      return reply
        .status(202)
        .send({ status: "success", message: "Event processed", dedup_key: dedupKeyOf(body) });
    };
    r.post("/v2/enqueue", pagerDuty, (request, reply) => enqueue(request, reply));
    r.post(
      "/api/v1/integrations/:name/pagerduty",
      { ...pagerDuty, schema: { ...pagerDuty.schema, params } },
      (request, reply) => enqueue(request, reply, (request.params as { name: string }).name),
    );
    r.post(
      "/api/v1/heartbeats/:name/ping",
      {
        ...base,
        onRequest: keyAuth(deps, batcher, { matchName: false }),
        schema: {
          tags,
          description: "A heartbeat's ping, with the key of its integration. The body is ignored.",
          params,
          response: { 200: z.object({ status: z.literal("ok"), nextDueAt: z.string() }) },
        },
      },
      async (request) => {
        const integration = integrationOf(request, config.baseUrl, [
          "alertmanager",
          "grafana",
          "pagerduty",
          "webhook",
        ]);
        return {
          status: "ok" as const,
          nextDueAt: await pingHeartbeat(db, clock, request.params.name, integration),
        };
      },
    );
  });
}
