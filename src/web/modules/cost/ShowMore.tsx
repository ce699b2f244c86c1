import { useState } from "react";

/**
 * Long lists (accounts, resources) show their first rows until asked for the rest; the CSV download
 * always has every row.
 */
export function useShowMore<T>(items: readonly T[], first = 15) {
  const [all, setAll] = useState(false);
  const visible = all ? items : items.slice(0, first);
  const button =
    items.length > first ? (
      <div className="show-more">
        <button type="button" className="button button-small" onClick={() => setAll(!all)}>
          {all ? `Show the first ${first}` : `Show all ${items.length}`}
        </button>
      </div>
    ) : null;
  return { visible, button };
}
