/** What the strokes and colours mean; the same classes draw the legend and the graph. */
export function GraphLegend() {
  const line = (cls: string, marker: string) => (
    <svg className="legend-line" viewBox="0 0 36 10" aria-hidden="true">
      <path d="M1,5 L30,5" className={`edge ${cls}`} markerEnd={`url(#${marker})`} />
    </svg>
  );
  return (
    <ul className="graph-legend" aria-label="Legend">
      <li>{line("edge-depends", "graph-arrow")} A → B: A depends on B</li>
      <li>{line("edge-api", "graph-arrow")} uses or provides an API</li>
      <li>{line("edge-part", "graph-arrow")} system or domain → its part</li>
      <li>{line("edge-depends edge-cycle", "graph-arrow-cycle")} edge on a dependency cycle</li>
      <li>
        <span className="legend-swatch fill-kind-service" /> service
        <span className="legend-swatch fill-kind-resource" /> resource
        <span className="legend-swatch fill-kind-system" /> system
        <span className="legend-swatch fill-kind-api" /> API
      </li>
      <li>
        <span className="legend-node legend-root" /> root
        <span className="legend-node legend-unresolved" /> not in catalog
      </li>
    </ul>
  );
}
