import { z } from "zod";
import { roles } from "../context.ts";
import { entityName, timeZone } from "../schema-common.ts";

export const roleSchema = z.enum(roles);

export const userFields = {
  email: z.email().transform((e) => e.toLowerCase()),
  displayName: z.string().min(1).max(200),
  role: roleSchema,
  timeZone: timeZone,
};

export const createUserBody = z
  .object({
    name: entityName,
    email: userFields.email,
    displayName: userFields.displayName.optional(),
    role: roleSchema.default("viewer"),
    timeZone: timeZone.default("UTC"),
    password: z.string().min(12, "must be at least 12 characters").max(1024).optional(),
  })
  .strict();

export const updateUserBody = z
  .object({
    email: userFields.email.optional(),
    displayName: userFields.displayName.optional(),
    role: roleSchema.optional(),
    timeZone: timeZone.optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(12, "must be at least 12 characters").max(1024).optional(),
  })
  .strict();

export const userView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  timeZone: z.string(),
  disabled: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type CreateUserInput = z.input<typeof createUserBody>;
export type UpdateUserInput = z.output<typeof updateUserBody>;
export type UserView = z.output<typeof userView>;
