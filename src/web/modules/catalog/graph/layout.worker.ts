import type { GraphView } from "../types.ts";
import { layoutGraph } from "./layout.ts";

/** Lays out off the main thread: dagre needs about a second for a few hundred nodes. */
self.onmessage = (event: MessageEvent<GraphView>) => {
  try {
    self.postMessage({ layout: layoutGraph(event.data) });
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
