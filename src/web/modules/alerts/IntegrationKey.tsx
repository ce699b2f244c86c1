import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { CopyButton } from "../../ui/CopyButton.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { integrationQuery, rotateKey } from "./queries.ts";
import { maskKey } from "./senderConfig.ts";
import type { IntegrationDetail } from "./types.ts";

/**
 * The integration's key, masked until asked for (screens get shared in incident calls). Rotating asks once
 * more: the old key stops working at once and every sender must be updated.
 */
export function IntegrationKey(props: {
  integration: IntegrationDetail;
  revealed: boolean;
  onReveal: (revealed: boolean) => void;
}) {
  const { integration, revealed, onReveal } = props;
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const rotate = useMutation({
    mutationFn: () => rotateKey(integration.name),
    onSuccess: async (updated) => {
      queryClient.setQueryData(integrationQuery(integration.name).queryKey, updated);
      setConfirming(false);
      onReveal(true);
      await queryClient.invalidateQueries({ queryKey: ["alerts", "integrations"], exact: true });
    },
  });
  return (
    <div className="secret integration-key">
      <ProblemMessage error={rotate.error} />
      <div className="secret-row">
        <code className="secret-value" data-revealed={revealed}>
          {revealed ? integration.key : maskKey(integration.key)}
        </code>
        <button type="button" className="button" onClick={() => onReveal(!revealed)} aria-pressed={revealed}>
          {revealed ? "Hide" : "Reveal"}
        </button>
        <CopyButton value={integration.key} label="Copy key" />
        {confirming ? null : (
          <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
            Rotate key
          </button>
        )}
      </div>
      {confirming ? (
        <div className="notice notice-warn rotate-confirm" role="alert">
          <p>
            <strong>Rotate the key of {integration.name}?</strong> The current key stops working at once;
            alerts from senders still using it are refused until they have the new one.
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={rotate.isPending}
              onClick={() => rotate.mutate()}
            >
              {rotate.isPending ? "Rotating…" : "Rotate now"}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
