/** API shapes, type-only from the server's zod schemas (nothing of the server reaches the bundle). */
import type {
  GroupBy,
  IncidentRecordView,
  KpisResponse,
  KpiView,
} from "../../../modules/kpis/kpis.schema.ts";

export type { GroupBy, IncidentRecordView, KpisResponse, KpiView };
export type KpiGroup = KpiView["groups"][number];

export const groupByOptions: GroupBy[] = ["severity", "service", "team", "month"];

/** Overdue action items, from the postmortems module (`GET /api/v1/action-items?overdue=true`). */
export interface OverdueActionItem {
  id: string;
  title: string;
  owner: { id: string; name: string } | null;
  team: string | null;
  dueDate: string | null;
  priority: string;
  status: string;
  incidentId: string;
  incidentNumber: number;
  incidentTitle: string;
}

/** SLOs, from the SLO module (`GET /api/v1/slos`). */
export interface SloSummary {
  name: string;
  service: string;
  objective: number;
  errorBudget: { total: number; consumed: number; remaining: number | null };
  burning: "page" | "ticket" | null;
}

/** Budgets, from the cost module (`GET /api/v1/cost/budgets`). */
export interface BudgetSummary {
  name: string;
  amount: string | number;
  actual: string | number;
  forecast: string | number;
  currency: string;
  percentUsed: number;
  status: "ok" | "at-risk" | "over";
}
