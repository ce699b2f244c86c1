import { createHash } from "node:crypto";

/**
 * iCalendar (RFC 5545) feed of on-call shifts, for the secret per-schedule and per-user URLs.
 * Instants are written in UTC ("Z" form) so no VTIMEZONE is needed and every client agrees on them.
 */

export interface ICalShift {
  user: string;
  start: Date;
  end: Date;
  /**
   * The schedule the shift comes from. It takes part in the UID (a per-user feed mixes schedules, and two
   * of them may start a shift for the same user at the same instant) and in the default summary.
   */
  schedule?: string;
  /** Event title; default "On call: <user>" plus " (<schedule>)" when the schedule is given. */
  summary?: string;
}

export interface ICalInput {
  /** The calendar's display name. */
  name: string;
  shifts: readonly ICalShift[];
  /** PRODID, e.g. "-//opsdeck//opsdeck 0.1.0//EN". */
  prodId: string;
  /** When the feed is generated: DTSTAMP of every event. */
  now: Date;
}

const CRLF = "\r\n";
const MAX_OCTETS = 75;

/** Renders a VCALENDAR of one VEVENT per shift. */
export function renderICalendar(input: ICalInput): string {
  const stamp = utc(input.now);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${escapeText(input.prodId)}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `NAME:${escapeText(input.name)}`,
    `X-WR-CALNAME:${escapeText(input.name)}`,
    // Rotations and overrides change; ask subscribing clients to refetch hourly (RFC 7986 and Outlook's).
    "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    "X-PUBLISHED-TTL:PT1H",
  ];
  for (const shift of input.shifts) {
    const summary = shift.summary ?? `On call: ${shift.user}${shift.schedule ? ` (${shift.schedule})` : ""}`;
    lines.push(
      "BEGIN:VEVENT",
      `UID:${shiftUid(shift, input.name)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${utc(shift.start)}`,
      `DTEND:${utc(shift.end)}`,
      `SUMMARY:${escapeText(summary)}`,
      // On call is not a meeting: it should not make the person look busy to schedulers.
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/**
 * A UID that stays the same for the same shift across fetches, so clients update events in place
 * instead of duplicating them: a hash of schedule (or feed name), user and start. The end is left out on
 * purpose: a shift that grows (an override, a later query window) keeps its identity.
 */
export function shiftUid(shift: ICalShift, feedName: string): string {
  const key = `${shift.schedule ?? feedName}\n${shift.user}\n${shift.start.toISOString()}`;
  return `${createHash("sha256").update(key).digest("hex").slice(0, 32)}@opsdeck`;
}

/** DATE-TIME in UTC form, "20261104T120000Z"; iCalendar has no fractions of a second, so they are dropped. */
export function utc(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/** TEXT escaping (RFC 5545 3.3.11); other control characters are not allowed in TEXT, so they are dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .split("")
    .filter((ch) => !isControl(ch))
    .join("");
}

/** C0 controls but tab, and DEL: what RFC 5545 excludes from TEXT values. */
export function isControl(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return (code < 0x20 && code !== 0x09) || code === 0x7f;
}

/**
 * Folds a content line into lines of at most 75 octets (RFC 5545 3.1), continuation lines starting with
 * one space. It splits between code points, never inside a UTF-8 sequence, so each piece is valid UTF-8.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= MAX_OCTETS) return line;
  const pieces: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    // The first line has 75 octets; each continuation line gives one of them to the leading space.
    const limit = pieces.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      pieces.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  pieces.push(current);
  return pieces.join(`${CRLF} `);
}
