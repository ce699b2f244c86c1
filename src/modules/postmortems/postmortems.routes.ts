import { z } from "zod";
import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import { changePostmortemStatus } from "./postmortem-status.service.ts";
import {
  listPostmortemsQuery,
  postmortemDetail,
  postmortemSummary,
  reviewBody,
  reviewersBody,
  sectionsSchema,
  statusBody,
  updatePostmortemBody,
} from "./postmortems.schema.ts";
import { createPostmortem, reviewPostmortem, setReviewers, updatePostmortem } from "./postmortems.service.ts";
import { getPostmortem, listPostmortems, postmortemOfIncident } from "./postmortems.views.ts";

const tags = ["postmortems"];
const viewer = { permission: { role: "viewer" as const } };
const responder = { permission: { role: "responder" as const } };
const params = z.object({ id: z.string().min(1).max(100) });
const incidentParams = z.object({ id: z.string().min(1).max(100).describe("incident id or number") });
const detail = { 200: postmortemDetail };
const createBody = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    sections: sectionsSchema.partial().strict().optional(),
  })
  .strict()
  .nullish();

export function postmortemRoutes(app: ZodApp, { db, clock }: AppDeps): void {
  app.get(
    "/api/v1/postmortems",
    {
      config: viewer,
      schema: {
        tags,
        querystring: listPostmortemsQuery,
        response: { 200: z.object({ items: z.array(postmortemSummary) }) },
      },
    },
    async (request) => ({ items: await listPostmortems(db, request.query) }),
  );
  app.get(
    "/api/v1/postmortems/:id",
    { config: viewer, schema: { tags, params, response: detail } },
    (request) => getPostmortem(db, request.params.id, clock),
  );
  app.patch(
    "/api/v1/postmortems/:id",
    { config: responder, schema: { tags, params, body: updatePostmortemBody, response: detail } },
    (request) => updatePostmortem(db, request.actionContext(), request.params.id, request.body),
  );
  app.post(
    "/api/v1/postmortems/:id/status",
    {
      config: responder,
      schema: {
        tags,
        params,
        body: statusBody,
        response: detail,
        description:
          "draft -> in_review -> published. Publishing needs every reviewer's approval (or a manager) and an owner and due date on every action item.",
      },
    },
    (request) => changePostmortemStatus(db, request.actionContext(), request.params.id, request.body.status),
  );
  app.put(
    "/api/v1/postmortems/:id/reviewers",
    { config: responder, schema: { tags, params, body: reviewersBody, response: detail } },
    (request) => setReviewers(db, request.actionContext(), request.params.id, request.body.reviewers),
  );
  app.post(
    "/api/v1/postmortems/:id/review",
    { config: responder, schema: { tags, params, body: reviewBody, response: detail } },
    (request) => reviewPostmortem(db, request.actionContext(), request.params.id, request.body),
  );
  app.get(
    "/api/v1/incidents/:id/postmortem",
    { config: viewer, schema: { tags, params: incidentParams, response: detail } },
    (request) => postmortemOfIncident(db, request.params.id, clock),
  );
  app.post(
    "/api/v1/incidents/:id/postmortem",
    {
      config: responder,
      schema: { tags, params: incidentParams, body: createBody, response: { 201: postmortemDetail } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createPostmortem(db, request.actionContext(), request.params.id, request.body ?? {})),
  );
}
