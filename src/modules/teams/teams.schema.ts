import { z } from "zod";
import { entityName } from "../../platform/schema-common.ts";

/** The `spec` of a `kind: Team` document, and the editable part of a team in the API. */
export const teamSpec = z
  .object({
    displayName: z.string().min(1).max(200).optional(),
    description: z.string().max(2000).default(""),
    email: z.email().optional(),
    parent: entityName.optional(),
    members: z.array(entityName).default([]),
  })
  .strict();

export const createTeamBody = teamSpec.extend({ name: entityName }).strict();
/**
 * Only the fields given change: without the spec's defaults, which `.partial()` keeps (a PATCH of the
 * description would otherwise come with `members: []` and empty the team).
 */
export const updateTeamBody = teamSpec
  .extend({
    description: teamSpec.shape.description.removeDefault(),
    members: teamSpec.shape.members.removeDefault(),
  })
  .partial()
  .strict();

export const teamMemberView = z.object({
  name: z.string(),
  displayName: z.string().nullable(),
  resolved: z.boolean(),
});

export const teamView = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  description: z.string(),
  email: z.string().nullable(),
  parent: z.string().nullable(),
  members: z.array(teamMemberView),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type TeamSpec = z.output<typeof teamSpec>;
export type TeamView = z.output<typeof teamView>;
