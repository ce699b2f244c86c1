import { infiniteQueryOptions } from "@tanstack/react-query";
import { api } from "../../lib/api.ts";
import type { AuditEntry } from "../../lib/types.ts";

export interface AuditFilters {
  actor: string;
  entityType: string;
  limit: number;
}

export const pageSizes = [25, 50, 100, 200];
export const defaultPageSize = 50;

interface AuditPage {
  items: AuditEntry[];
  nextBefore: string | null;
}

/** Newest first, one page at a time: the server's `nextBefore` is the cursor of the following page. */
export function auditQuery(filters: Partial<AuditFilters>) {
  return infiniteQueryOptions({
    queryKey: ["audit", filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ signal, pageParam }) =>
      api<AuditPage>("/api/v1/audit", {
        signal,
        query: {
          actor: filters.actor,
          entityType: filters.entityType,
          limit: filters.limit ?? defaultPageSize,
          before: pageParam,
        },
      }),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}
