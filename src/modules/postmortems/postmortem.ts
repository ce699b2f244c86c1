/** Postmortem domain: the template, the state machine and the publish guard. No I/O. */

export const postmortemStatuses = ["draft", "in_review", "published"] as const;
export type PostmortemStatus = (typeof postmortemStatuses)[number];

/** The template's sections, in the order the editor and the CLI show them. */
export const sectionKeys = [
  "summary",
  "impact",
  "detection",
  "timeline",
  "rootCause",
  "contributingFactors",
  "whatWentWell",
  "lessonsLearned",
] as const;
export type SectionKey = (typeof sectionKeys)[number];
export type Sections = Record<SectionKey, string>;

export const sectionTitles: Record<SectionKey, string> = {
  summary: "Summary",
  impact: "Impact",
  detection: "Detection",
  timeline: "Timeline",
  rootCause: "Root cause",
  contributingFactors: "Contributing factors",
  whatWentWell: "What went well",
  lessonsLearned: "What went wrong and where we got lucky",
};

export const actionItemStatuses = ["open", "in_progress", "done", "wont_do"] as const;
export type ActionItemStatus = (typeof actionItemStatuses)[number];
export const actionItemPriorities = ["P1", "P2", "P3", "P4"] as const;
export type ActionItemPriority = (typeof actionItemPriorities)[number];

/** Open means someone still owes work: what the overdue lists count. */
export const openActionItemStatuses: ActionItemStatus[] = ["open", "in_progress"];

export interface TimelineLine {
  at: string;
  actor: string;
  text: string;
}

/** Escapes the characters that would turn timeline text into Markdown structure (links, emphasis, HTML). */
function inlineText(text: string): string {
  return text.replace(/\s+/g, " ").replace(/([\\`*_[\]<>#|])/g, "\\$1");
}

/** `2026-11-02T09:00:00.000Z` as `2026-11-02 09:00:00 UTC`: a timeline people read, in one zone for all. */
function readableUtc(iso: string): string {
  return `${iso.slice(0, 19).replace("T", " ")} UTC`;
}

/** A new postmortem's sections: the incident's facts filled in, the rest as prompts for the author. */
export function templateSections(incident: {
  number: number;
  title: string;
  severity: string;
  services: string[];
  createdAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  summary: string;
  timeline: TimelineLine[];
}): Sections {
  const services = incident.services.length > 0 ? incident.services.join(", ") : "none recorded";
  return {
    summary: `${incident.summary.trim() || `What happened in incident #${incident.number} (${incident.title}), in two or three sentences.`}`,
    impact: [
      `- Severity: ${incident.severity}`,
      `- Services: ${services}`,
      `- Started: ${readableUtc(incident.createdAt)}`,
      `- Resolved: ${incident.resolvedAt ? readableUtc(incident.resolvedAt) : "not yet"}`,
      "",
      "Who was affected, how, and for how long.",
    ].join("\n"),
    detection: [
      `- Acknowledged: ${incident.acknowledgedAt ? readableUtc(incident.acknowledgedAt) : "never"}`,
      "",
      "How did we find out? An alert, a customer, a colleague? Could we have known sooner?",
    ].join("\n"),
    timeline: incident.timeline
      .map((t) => `- ${readableUtc(t.at)} ${inlineText(t.actor)}: ${inlineText(t.text)}`)
      .join("\n"),
    rootCause: "Why did it happen? Ask why until the answer is a condition, not a person.",
    contributingFactors: "What made it worse or slower to fix?",
    whatWentWell: "What should we keep doing?",
    lessonsLearned: "What went wrong, and where did we get lucky?",
  };
}

export type Transition = { ok: true } | { ok: false; message: string };

/**
 * Moves between draft, in review and published. A responder submits for review and publishes once every
 * reviewer approved; a manager may publish from draft or in review without approvals, and reopen a
 * published postmortem. (ADR 14 says why.)
 */
export function checkTransition(
  from: PostmortemStatus,
  to: PostmortemStatus,
  who: { isManager: boolean },
  reviewers: { name: string; decision: string }[],
): Transition {
  if (from === to) return { ok: false, message: `the postmortem is already ${to}` };
  if (to === "in_review") {
    if (from !== "draft")
      return {
        ok: false,
        message: `a ${from} postmortem cannot go back to review; reopen it as a draft first`,
      };
    return { ok: true };
  }
  if (to === "draft") {
    if (from === "published" && !who.isManager)
      return { ok: false, message: "only a manager may reopen a published postmortem" };
    return { ok: true };
  }
  if (who.isManager) return { ok: true };
  if (from === "draft")
    return {
      ok: false,
      message: "submit the postmortem for review first (a manager may publish a draft directly)",
    };
  const waiting = reviewers.filter((r) => r.decision !== "approved").map((r) => r.name);
  if (waiting.length > 0)
    return { ok: false, message: `waiting for approval from ${waiting.join(", ")} (or a manager publishes)` };
  return { ok: true };
}

export interface GuardItem {
  position: number;
  title: string;
  ownerUserId: string | null;
  dueDate: string | null;
  status: string;
}

/** The action items that block publishing: every item that is still wanted needs an owner and a due date. */
export function publishBlockers(items: GuardItem[]): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const item of items) {
    if (item.status === "wont_do") continue;
    const missing = [item.ownerUserId ? null : "an owner", item.dueDate ? null : "a due date"].filter(
      Boolean,
    );
    if (missing.length > 0)
      out.push({
        path: `actionItems[${item.position}]`,
        message: `action item '${item.title}' needs ${missing.join(" and ")}`,
      });
  }
  return out;
}

/** An external tracker link must be http(s): anything else (javascript:, data:) could run in a reader's browser. */
export function isTrackerUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
