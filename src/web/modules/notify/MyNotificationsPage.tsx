import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { PageHeader, QueryState } from "../../ui/Page.tsx";
import { ContactMethodForm } from "./ContactMethodForm.tsx";
import { ContactMethodsPanel } from "./ContactMethodsPanel.tsx";
import { contactMethodsQuery, rulesQuery } from "./queries.ts";
import { RulesPanel } from "./RulesPanel.tsx";
import "./notify.css";

/** The caller's own contact methods and notification rules: how and when opsdeck pages them. */
export function MyNotificationsPage() {
  const methods = useQuery(contactMethodsQuery);
  const rules = useQuery(rulesQuery);
  const [saved, setSaved] = useState(false);
  return (
    <>
      <PageHeader
        title="My notifications"
        description="How opsdeck reaches you when an escalation pages you, and after how many minutes."
      />
      <QueryState isPending={methods.isPending || rules.isPending} error={methods.error ?? rules.error}>
        {methods.data && rules.data ? (
          <>
            <ContactMethodsPanel items={methods.data.items} />
            <RulesPanel
              key={JSON.stringify([rules.data.items, methods.data.items.map((m) => m.id)])}
              rules={rules.data.items}
              methods={methods.data.items}
              saved={saved}
              onSaved={() => setSaved(true)}
            />
          </>
        ) : null}
      </QueryState>
      <ContactMethodForm />
    </>
  );
}
