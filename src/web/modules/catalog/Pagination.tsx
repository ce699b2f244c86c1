import { Link } from "@tanstack/react-router";
import type { ListSearch } from "./search.ts";

/** Previous and next pages as links, so each page of a filtered list has its own shareable URL. */
export function Pagination(props: { total: number; offset: number; limit: number; search: ListSearch }) {
  const { total, offset, limit } = props;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  const to = (p: number) => ({ ...props.search, page: p > 1 ? p : undefined });
  return (
    <nav className="pagination" aria-label="Pages">
      <span className="muted">
        {first}–{last} of {total}
      </span>
      {pages > 1 ? (
        <span className="pagination-links">
          {page > 1 ? (
            <Link to="/catalog" search={to(page - 1)} className="button button-small" rel="prev">
              Previous
            </Link>
          ) : null}
          <span className="muted small">
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <Link to="/catalog" search={to(page + 1)} className="button button-small" rel="next">
              Next
            </Link>
          ) : null}
        </span>
      ) : null}
    </nav>
  );
}
