export interface DomainEventTable {
  id: string;
  type: string;
  /** What the event is about, e.g. `incident:0190…`; live views filter on it. */
  subject: string;
  payload: string;
  at: string;
}

declare module "../db/tables.ts" {
  interface Tables {
    domain_events: DomainEventTable;
  }
}
