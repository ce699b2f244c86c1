/**
 * RTO and RPO are elapsed durations. Accepted forms:
 * - ISO-8601 durations with weeks, days, hours, minutes and whole seconds: `PT4H`, `P1D`, `PT1H30M`,
 *   `P1W`, `PT0S`;
 * - short forms, largest unit first: `30s`, `15m`, `4h`, `1d`, `2w`, `1h30m`.
 * Years and months are refused: they have no fixed length. A day is 24 hours. Every value is stored as
 * seconds and shown in the canonical ISO form (`P1DT2H`), so `4h` and `PT4H` compare equal.
 */

export type DurationResult = { ok: true; seconds: number; iso: string } | { ok: false; message: string };

const iso = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;
const short = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/i;
/** Ten years: beyond that a recovery objective is a typo. */
const maxSeconds = 10 * 366 * 86_400;

const hint = "write a duration such as PT4H, P1D, 30m, 4h or 1d";

export function parseDuration(input: unknown): DurationResult {
  if (typeof input !== "string" || input.trim() === "") return { ok: false, message: `${hint}` };
  const text = input.trim();
  if (/^P/i.test(text) && /^P[^T]*\d+[YM]/i.test(text)) {
    return {
      ok: false,
      message: `'${text}' uses years or months, which have no fixed length: use days (P30D)`,
    };
  }
  const m = iso.exec(text) ?? short.exec(text);
  const parts = m?.slice(1).map((p) => (p === undefined ? undefined : Number(p)));
  if (!m || !parts || parts.every((p) => p === undefined) || /T$/i.test(text)) {
    return { ok: false, message: `'${text}' is not a duration: ${hint}` };
  }
  const [w = 0, d = 0, h = 0, min = 0, s = 0] = parts.map((p) => p ?? 0);
  const seconds = (((w * 7 + d) * 24 + h) * 60 + min) * 60 + s;
  if (seconds > maxSeconds) return { ok: false, message: `'${text}' is longer than ten years` };
  return { ok: true, seconds, iso: isoDuration(seconds) };
}

/** The canonical ISO-8601 form of a number of seconds: days, then hours, minutes, seconds. */
export function isoDuration(totalSeconds: number): string {
  if (totalSeconds === 0) return "PT0S";
  const days = Math.floor(totalSeconds / 86_400);
  let rest = totalSeconds % 86_400;
  const h = Math.floor(rest / 3600);
  rest %= 3600;
  const m = Math.floor(rest / 60);
  const s = rest % 60;
  const time = `${h ? `${h}H` : ""}${m ? `${m}M` : ""}${s ? `${s}S` : ""}`;
  return `P${days ? `${days}D` : ""}${time ? `T${time}` : ""}`;
}
