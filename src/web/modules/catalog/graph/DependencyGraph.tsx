import { useId, useMemo, useState } from "react";
import { plural } from "../format.ts";
import type { GraphView } from "../types.ts";
import { isContainmentRoot, withoutContainment } from "./containment.ts";
import { GraphCanvas } from "./GraphCanvas.tsx";
import { GraphLegend } from "./GraphLegend.tsx";
import { useGraphLayout } from "./useGraphLayout.ts";
import "./graph.css";
import "./graph-chrome.css";

/**
 * The dependency graph, loaded on demand (React.lazy) so the drawing code and its styles stay out of the
 * bundle every other page loads; the layout library itself only ever runs in a worker.
 */
export default function DependencyGraph({ view }: { view: GraphView }) {
  const id = useId();
  const [showParts, setShowParts] = useState(() => isContainmentRoot(view));
  const filtered = useMemo(() => withoutContainment(view), [view]);
  const shown = showParts ? view : filtered.view;
  const state = useGraphLayout(shown);
  const hasParts = filtered.view.edges.length < view.edges.length;
  return (
    <>
      {hasParts ? (
        <p className="graph-options">
          <input
            id={id}
            type="checkbox"
            checked={showParts}
            onChange={(event) => setShowParts(event.target.checked)}
          />
          <label htmlFor={id}>
            Show containment (system or domain → part)
            {!showParts && filtered.hidden > 0 ? (
              <span className="muted"> · {plural(filtered.hidden, "entity", "entities")} hidden</span>
            ) : null}
          </label>
        </p>
      ) : null}
      {state.status === "pending" ? (
        <div className="graph-frame graph-pending" aria-busy="true">
          <p className="muted">Laying out {plural(shown.nodes.length, "entity", "entities")}…</p>
        </div>
      ) : null}
      {state.status === "failed" ? (
        <div className="notice notice-error" role="alert">
          <strong>The graph could not be drawn.</strong> {state.error}
        </div>
      ) : null}
      {state.status === "done" ? <GraphCanvas layout={state.layout} /> : null}
      <GraphLegend />
    </>
  );
}
