import { createRoute } from "@tanstack/react-router";
import { appRoute } from "../../shell/routes.ts";
import { CatalogListPage } from "./CatalogListPage.tsx";
import { EntityPage } from "./EntityPage.tsx";
import { GraphPage } from "./GraphPage.tsx";
import { parseEntitySearch, parseGraphSearch, parseListSearch } from "./search.ts";

export const catalogRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/catalog",
  validateSearch: parseListSearch,
  component: CatalogListPage,
});

/** A static segment, so it wins over an entity of kind "graph" (no such kind exists anyway). */
export const catalogGraphRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/catalog/graph",
  validateSearch: parseGraphSearch,
  component: GraphPage,
});

export const catalogEntityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/catalog/$kind/$name",
  validateSearch: parseEntitySearch,
  component: EntityPage,
});
