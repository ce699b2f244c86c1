import type { ActionContext } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import { evaluateAll, pruneOldCounts } from "./evaluate.job.ts";
import { type MinuteCounts, storeForSlo } from "./events.repository.ts";
import { findSlo } from "./slo.repository.ts";

const minute = 60_000;

/** Deterministic noise, so every demo looks the same. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

interface Shape {
  /** Requests per minute at the daily peak. */
  peak: number;
  /** Usual share of failing requests. */
  errorRate: number;
  /** Bad spells: [minutes ago it started, minutes it lasted, error rate]. */
  spells: [number, number, number][];
}

const shapes: Record<string, Shape> = {
  "ingress-availability": {
    peak: 1200,
    errorRate: 0.0003,
    spells: [
      [9 * 1440 + 200, 35, 0.2],
      [2 * 1440 + 600, 12, 0.05],
    ],
  },
  "sso-login-success": { peak: 300, errorRate: 0.002, spells: [[5 * 1440, 90, 0.08]] },
  "dns-resolution": { peak: 5000, errorRate: 0.001, spells: [[3 * 1440 + 100, 20, 0.3]] },
  "registry-pulls": { peak: 400, errorRate: 0.003, spells: [[70, 70, 0.25]] },
};

function minutesOf(shape: Shape, fromMs: number, toMs: number, seed: number): MinuteCounts[] {
  const rnd = random(seed);
  const out: MinuteCounts[] = [];
  for (let t = fromMs; t < toMs; t += minute) {
    const hour = new Date(t).getUTCHours() + new Date(t).getUTCMinutes() / 60;
    // Traffic follows the working day in Europe: low at night, peak in the afternoon.
    const daily = 0.35 + 0.65 * Math.max(0, Math.sin(((hour - 5) / 24) * 2 * Math.PI));
    const total = Math.round(shape.peak * daily * (0.9 + 0.2 * rnd()));
    const ago = (toMs - t) / minute;
    const spell = shape.spells.find(([start, length]) => ago <= start && ago > start - length);
    const rate = spell ? spell[2] : shape.errorRate * (0.5 + rnd());
    const bad = Math.min(total, Math.round(total * rate + (rnd() < 0.02 ? 2 : 0)));
    out.push({ minute: new Date(t).toISOString(), good: total - bad, total });
  }
  return out;
}

/** 30 days of minutes for the demo SLOs, then evaluations over the last day so the alert history has a story. */
export async function seedSloDemo(db: Database, ctx: ActionContext): Promise<void> {
  const now = Math.floor(ctx.clock.now().getTime() / minute) * minute;
  let seed = 7;
  for (const [name, shape] of Object.entries(shapes)) {
    seed += 1;
    const slo = await findSlo(db.read, name);
    if (!slo) continue;
    const seeded = await db.read
      .selectFrom("slo_days")
      .select("day")
      .where("slo_id", "=", slo.id)
      .executeTakeFirst();
    if (seeded) continue; // a second `opsdeck demo` keeps what is there
    const rows = minutesOf(shape, now - 30 * 1440 * minute, now, seed);
    for (let i = 0; i < rows.length; i += 1440)
      await db.write((trx) => storeForSlo(trx, slo.id, slo.def, rows.slice(i, i + 1440)));
    await db.write((trx) =>
      trx
        .updateTable("slos")
        .set({ last_pushed_minute: rows.at(-1)?.minute ?? null })
        .where("id", "=", slo.id)
        .execute(),
    );
  }
  // Replay the evaluation job every 10 minutes of the last 3 hours: the registry's bad deploy pages, then ...
  for (let ago = 180; ago >= 0; ago -= 10) {
    const at = now - ago * minute;
    await evaluateAll(db, { now: () => new Date(at) }, at);
  }
  await db.write((trx) => pruneOldCounts(trx, now));
}
