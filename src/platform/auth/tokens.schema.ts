import { z } from "zod";

/** An API token as lists show it: never the secret, only its first characters. */
export const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  user: z.string(),
  hint: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TokenView = z.output<typeof tokenView>;
