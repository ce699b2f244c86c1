import { createRoute } from "@tanstack/react-router";
import { appRoute } from "../../shell/routes.ts";
import { PoliciesPage } from "./PoliciesPage.tsx";
import { NewPolicyPage, PolicyPage } from "./PolicyPage.tsx";

export const policiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/escalation",
  component: PoliciesPage,
});

export const newPolicyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/escalation/new",
  component: NewPolicyPage,
});

export const policyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/escalation/policies/$name",
  component: PolicyPage,
});
