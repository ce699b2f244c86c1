/** One row per catalog entity of any kind; the kind-specific fields live in `spec_json`. */
export interface CatalogEntityTable {
  id: string;
  kind: string;
  /** As written (for display); `name_key` is its lower-case form, unique per kind. */
  name: string;
  name_key: string;
  /** The graph node (`service:x`, `resource:y`): services and components share one name space. */
  ref_key: string;
  display_name: string;
  description: string;
  type: string | null;
  lifecycle: string | null;
  tier: number | null;
  /** Formatted owner ref (`group:payments`, `user:alice`), resolved when read. */
  owner: string | null;
  system: string | null;
  rto_seconds: number | null;
  rpo_seconds: number | null;
  /** The normalized spec: what `opsdeck apply` compares a document against. */
  spec_json: string;
  /** Lower-cased name, display name, description and tags, for text search. */
  search_text: string;
  created_at: string;
  updated_at: string;
}

/**
 * Graph edges between refs, not ids: an edge to an entity that does not exist yet is stored as it is and
 * resolves by itself when the entity arrives. `declared_by` is the entity whose spec states the edge.
 */
export interface CatalogEdgeTable {
  declared_by: string;
  from_key: string;
  to_key: string;
  relation: string;
}

export interface CatalogLabelTable {
  entity_id: string;
  key: string;
  value: string;
}

declare module "../../platform/db/tables.ts" {
  interface Tables {
    catalog_entities: CatalogEntityTable;
    catalog_edges: CatalogEdgeTable;
    catalog_labels: CatalogLabelTable;
  }
}
