import { useMutation, useQueryClient } from "@tanstack/react-query";
import { incidentKeys, incidentQuery } from "./queries.ts";
import type { IncidentDetail } from "./types.ts";

/**
 * A change to the incident shown at `ref`. The answer is the whole incident, which replaces the cached one at
 * once; the timeline, alerts and lists refetch because the change added to them too.
 */
export function useIncidentChange<T>(ref: string, change: (input: T) => Promise<IncidentDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: async (incident) => {
      // A merge answers with the incident merged into: this page's incident is refetched instead.
      if (String(incident.number) === ref || incident.id === ref)
        queryClient.setQueryData(incidentQuery(ref).queryKey, incident);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: incidentKeys.one(ref) }),
        queryClient.invalidateQueries({ queryKey: incidentKeys.lists }),
      ]);
    },
  });
}
