import type { Clock } from "../../platform/clock.ts";
import type { Database } from "../../platform/db/database.ts";
import { InputError } from "../../platform/errors.ts";
import { openActionItemStatuses } from "./postmortem.ts";
import { presentActionItems, resolveUser } from "./postmortems.repository.ts";
import type { ActionItemView, ListActionItemsQuery } from "./postmortems.schema.ts";
import { todayOf } from "./postmortems.views.ts";

/**
 * Action items across postmortems, soonest due first (undated last). `owner=me` needs a signed-in caller;
 * `overdue=true` keeps open and in-progress items due before today (UTC).
 */
export async function listActionItems(
  db: Database,
  clock: Clock,
  q: ListActionItemsQuery,
  me: string | null,
): Promise<ActionItemView[]> {
  const today = todayOf(clock);
  let query = db.read.selectFrom("action_items").selectAll();
  if (q.overdue === "true")
    query = query
      .where("status", "in", openActionItemStatuses)
      .where("due_date", "is not", null)
      .where("due_date", "<", today);
  if (q.team) query = query.where("owner_team", "=", q.team);
  if (q.status) query = query.where("status", "=", q.status);
  if (q.postmortem) query = query.where("postmortem_id", "=", q.postmortem);
  if (q.owner) {
    let ownerId: string;
    if (q.owner === "me") {
      if (!me)
        throw new InputError("owner: 'me' needs a signed-in user", [
          { path: "owner", message: "'me' needs a signed-in user" },
        ]);
      ownerId = me;
    } else ownerId = (await resolveUser(db.read, q.owner, "owner")).id;
    query = query.where("owner_user_id", "=", ownerId);
  }
  const rows = await query
    .orderBy((eb) => eb.case().when("due_date", "is", null).then(1).else(0).end())
    .orderBy("due_date")
    .orderBy("created_at")
    .orderBy("id")
    .limit(q.limit)
    .execute();
  return presentActionItems(db, rows, today);
}
