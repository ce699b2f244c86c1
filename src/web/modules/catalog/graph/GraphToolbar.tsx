import { type FormEvent, useId } from "react";
import type { LaidNode } from "./layout.ts";

/**
 * Zoom buttons and a search box. At a few hundred nodes finding one by eye is slow; the box centres the
 * drawing on it and keeps its neighbourhood lit.
 */
export function GraphToolbar(props: {
  nodes: LaidNode[];
  onZoom(factor: number): void;
  onFit(): void;
  onRoot(): void;
  onFind(id: string): void;
}) {
  const listId = useId();
  const find = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get("node") ?? "")
      .trim()
      .toLowerCase();
    const match =
      props.nodes.find((n) => n.id === text || n.name === text || n.label.toLowerCase() === text) ??
      props.nodes.find((n) => n.name.includes(text) || n.label.toLowerCase().includes(text));
    if (text && match) props.onFind(match.id);
  };
  return (
    <div className="graph-toolbar">
      <fieldset className="button-group">
        <legend className="visually-hidden">Zoom</legend>
        <button type="button" className="button button-small" onClick={() => props.onZoom(1 / 1.25)}>
          <span aria-hidden="true">−</span>
          <span className="visually-hidden">Zoom out</span>
        </button>
        <button type="button" className="button button-small" onClick={() => props.onZoom(1.25)}>
          <span aria-hidden="true">+</span>
          <span className="visually-hidden">Zoom in</span>
        </button>
        <button type="button" className="button button-small" onClick={props.onFit}>
          Fit all
        </button>
        <button type="button" className="button button-small" onClick={props.onRoot}>
          Back to root
        </button>
      </fieldset>
      <form className="graph-find" onSubmit={find} aria-label="Find a node">
        <label htmlFor={`${listId}-input`} className="visually-hidden">
          Find a node
        </label>
        <input
          id={`${listId}-input`}
          name="node"
          type="search"
          list={listId}
          placeholder={`Find among ${props.nodes.length} nodes`}
        />
        <datalist id={listId}>
          {props.nodes.map((n) => (
            <option key={n.id} value={n.name}>
              {n.label}
            </option>
          ))}
        </datalist>
        <button type="submit" className="button button-small">
          Find
        </button>
      </form>
    </div>
  );
}
