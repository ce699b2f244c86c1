/**
 * Sizes shared by the layout (in the worker) and the drawing (on the page). Kept apart from layout.ts so
 * that importing a constant does not pull the layout library into the page's bundle.
 */
export const nodeHeight = 44;
