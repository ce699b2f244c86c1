import { useEffect, useState } from "react";
import type { GraphView } from "../types.ts";
import type { GraphLayout } from "./layout.ts";

export type LayoutState =
  | { status: "pending" }
  | { status: "done"; layout: GraphLayout }
  | { status: "failed"; error: string };

/**
 * Lays a graph out in a worker. One worker per graph: when the graph changes (another root or depth)
 * the old worker is terminated, so a stale layout of hundreds of nodes never competes with the new one.
 */
export function useGraphLayout(view: GraphView): LayoutState {
  const [state, setState] = useState<LayoutState>({ status: "pending" });
  useEffect(() => {
    setState({ status: "pending" });
    const worker = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<{ layout?: GraphLayout; error?: string }>) => {
      const { layout, error } = event.data;
      setState(layout ? { status: "done", layout } : { status: "failed", error: error ?? "layout failed" });
      worker.terminate();
    };
    worker.onerror = (event) => {
      setState({ status: "failed", error: event.message || "the layout worker failed to start" });
      worker.terminate();
    };
    worker.postMessage(view);
    return () => worker.terminate();
  }, [view]);
  return state;
}
