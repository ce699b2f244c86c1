import { useParams } from "@tanstack/react-router";
import { plannedModule } from "../nav.ts";
import { PageHeader, Panel } from "../ui/Page.tsx";
import { NotFoundContent } from "./ErrorPages.tsx";

/** The page of a module that is in the navigation but not built yet. */
export function PlaceholderPage() {
  const { module } = useParams({ strict: false });
  const entry = module ? plannedModule(module) : undefined;
  if (!entry) return <NotFoundContent />;
  return (
    <>
      <PageHeader title={entry.label} description={entry.description} />
      <Panel>
        <p>
          <strong>{entry.label} is coming in a later release.</strong>
        </p>
        <p className="muted">
          Its API, CLI and manifests arrive together with this page. Until then, set up the teams and users
          under Admin: every module ties its records to them.
        </p>
      </Panel>
    </>
  );
}
