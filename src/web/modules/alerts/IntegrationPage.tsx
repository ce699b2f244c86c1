import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useState } from "react";
import { formatInstant } from "../../lib/format.ts";
import { CopyButton } from "../../ui/CopyButton.tsx";
import { PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { IntegrationKey } from "./IntegrationKey.tsx";
import { heartbeatsQuery, integrationQuery } from "./queries.ts";
import { RoutingRules } from "./RoutingRules.tsx";
import { SnippetBlock } from "./SnippetBlock.tsx";
import { heartbeatPing, maskKey, senderSnippets } from "./senderConfig.ts";
import { integrationTypeLabels } from "./types.ts";
import "../incidents/incidents.css";
import "./alerts.css";

const route = getRouteApi("/signed-in/alerts/integrations/$name");

/** Everything needed to point a sender at opsdeck: URL, key, and the configuration to paste. */
export function IntegrationPage() {
  const { name } = route.useParams();
  const integration = useQuery(integrationQuery(name));
  const heartbeats = useQuery(heartbeatsQuery);
  const [revealed, setRevealed] = useState(false);
  const i = integration.data;
  const shownKey = i ? (revealed ? i.key : maskKey(i.key)) : "";
  const ownHeartbeats = heartbeats.data?.items.filter((h) => h.integration === name) ?? [];
  return (
    <>
      <p className="breadcrumb">
        <Link to="/alerts/integrations">Integrations</Link> / <span className="mono">{name}</span>
      </p>
      <QueryState isPending={integration.isPending} error={integration.error}>
        {i ? (
          <>
            <PageHeader
              title={i.name}
              description={
                <>
                  <span className={`badge type-badge type-${i.type}`}>{integrationTypeLabels[i.type]}</span>{" "}
                  {i.description}
                </>
              }
            />
            <Panel title="Intake">
              <dl className="details">
                <dt>Type</dt>
                <dd>{integrationTypeLabels[i.type]}</dd>
                <dt>URL</dt>
                <dd>
                  <span className="url-row">
                    <code className="secret-value intake-url">{i.url}</code>
                    <CopyButton value={i.url} label="Copy URL" />
                  </span>
                </dd>
                <dt>Key</dt>
                <dd>
                  <IntegrationKey integration={i} revealed={revealed} onReveal={setRevealed} />
                  <p className="field-hint">Senders send it as Authorization: Bearer KEY.</p>
                </dd>
                <dt>Default service</dt>
                <dd>
                  <Link to="/catalog/$kind/$name" params={{ kind: "service", name: i.service }}>
                    {i.service}
                  </Link>
                </dd>
                <dt>Updated</dt>
                <dd>{formatInstant(i.updatedAt)}</dd>
              </dl>
            </Panel>
            <Panel title="Sender configuration" className="snippets">
              <p className="muted small">
                Copy buttons copy the real key{revealed ? "" : "; it is masked on screen until you reveal it"}
                .
              </p>
              {senderSnippets(i).map((s) => (
                <SnippetBlock key={s.id} snippet={s} shownKey={shownKey} realKey={i.key} />
              ))}
              {ownHeartbeats.map((h) => (
                <SnippetBlock
                  key={h.name}
                  snippet={{
                    id: `heartbeat-${h.name}`,
                    title: `Heartbeat ping: ${h.name}`,
                    where: `At the end of the job, every ${h.intervalMinutes} minutes at most; a missed ping fires an alert here.`,
                    text: (key) => heartbeatPing(i, h.name, key),
                  }}
                  shownKey={shownKey}
                  realKey={i.key}
                />
              ))}
            </Panel>
            <RoutingRules spec={i.spec} />
          </>
        ) : null}
      </QueryState>
    </>
  );
}
