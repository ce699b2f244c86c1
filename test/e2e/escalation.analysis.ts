import { listMessages, type MessageView } from "../../src/modules/notify/index.ts";
import { openDatabase } from "../../src/platform/db/database.ts";

/** An incident of the run and its escalation as the API showed it at the end. */
export interface RunIncident {
  id: string;
  number: number;
  service: string;
  view: {
    status: string;
    steps: { level: number; status: string; dueAt: string; doneAt: string | null; users: string[] }[];
  };
}

/** A notification that reached its peer more than once, and what its message record says about it. */
export interface Duplicate {
  key: string;
  deliveries: number;
  attempts: number;
  lastError: string | null;
  /** In the documented crash-in-send window (docs/notify.md): retried after a crash or a lost answer. */
  explained: boolean;
}

export interface Outcome {
  /** (incident, level, user, channel) notifications the policies call for. */
  expected: number;
  delivered: number;
  missing: string[];
  /** Deliveries no expected notification accounts for, or notifications planned twice. */
  unexpected: string[];
  duplicates: Duplicate[];
  /** Incidents whose escalation did not run both levels exactly once. */
  badEscalations: string[];
  /** Milliseconds from each step's due time to the first delivery of each of its messages, sorted. */
  lateness: { level0: number[]; level1: number[] };
  /** Where the time goes: due -> step ran (planned), and message planned -> first delivery. Sorted ms. */
  stages: { planned: number[]; sent: number[] };
  disrupted: string | null;
}

/** The window's fingerprints: recovery after a dead sender, or a send that timed out after the peer took it. */
const windowError = /crash-in-send|time(d)? ?out/i;

const keyOf = (incident: string, level: number, user: string, channel: string) =>
  `${incident}|${level}|${user}|${channel}`;

function messageKey(m: MessageView): string {
  const level = Number(/level (\d+)/.exec(m.body)?.[1] ?? -1);
  return keyOf(m.subject.replace(/^incident:/, ""), level, m.user, m.channel);
}

/** Joins what the peers received with the message records and the escalation states. */
export async function analyse(
  databaseUrl: string,
  incidents: RunIncident[],
  arrivals: Map<string, number[]>,
  disrupted: string | null,
): Promise<Outcome> {
  const db = openDatabase(databaseUrl);
  let messages: MessageView[];
  try {
    messages = await listMessages(db.read, { limit: 1_000_000 });
  } finally {
    await db.close();
  }
  const byKey = new Map<string, MessageView[]>();
  for (const m of messages) byKey.set(messageKey(m), [...(byKey.get(messageKey(m)) ?? []), m]);
  const out: Outcome = {
    expected: 0,
    delivered: 0,
    missing: [],
    unexpected: [],
    duplicates: [],
    badEscalations: [],
    lateness: { level0: [], level1: [] },
    stages: { planned: [], sent: [] },
    disrupted,
  };
  const accounted = new Set<string>();
  for (const incident of incidents) {
    const n = incident.service.replace(/^svc-/, "");
    const steps = incident.view.steps;
    const shape = steps.map((s) => `${s.level}:${s.status}:${s.users.join(",")}`).join(" ");
    if (incident.view.status !== "exhausted" || shape !== `0:done:a-${n} 1:done:b-${n}`)
      out.badEscalations.push(`#${incident.number} ${incident.view.status} ${shape}`);
    for (const s of steps) if (s.doneAt) out.stages.planned.push(Date.parse(s.doneAt) - Date.parse(s.dueAt));
    for (const [level, user] of [[0, `a-${n}`] as const, [1, `b-${n}`] as const]) {
      const due = Date.parse(steps.find((s) => s.level === level)?.dueAt ?? "");
      for (const channel of ["email", "webhook"]) {
        out.expected++;
        const key = keyOf(incident.id, level, user, channel);
        const records = byKey.get(key) ?? [];
        if (records.length > 1) out.unexpected.push(`${key} planned ${records.length} times`);
        const record = records[0];
        const times = record ? (arrivals.get(record.id) ?? []) : [];
        if (record) accounted.add(record.id);
        if (times.length === 0) {
          out.missing.push(
            `${key} (${record ? `${record.state}, ${record.attempts} attempts` : "never planned"})`,
          );
          continue;
        }
        out.delivered++;
        out.lateness[level === 0 ? "level0" : "level1"].push(Math.min(...times) - due);
        if (record) out.stages.sent.push(Math.min(...times) - Date.parse(record.createdAt));
        if (record && times.length > 1)
          out.duplicates.push({
            key,
            deliveries: times.length,
            attempts: record.attempts,
            lastError: record.lastError,
            explained: record.attempts >= 2 && windowError.test(record.lastError ?? ""),
          });
      }
    }
  }
  for (const id of arrivals.keys()) if (!accounted.has(id)) out.unexpected.push(`delivery of message ${id}`);
  out.lateness.level0.sort((a, b) => a - b);
  out.lateness.level1.sort((a, b) => a - b);
  out.stages.planned.sort((a, b) => a - b);
  out.stages.sent.sort((a, b) => a - b);
  return out;
}
