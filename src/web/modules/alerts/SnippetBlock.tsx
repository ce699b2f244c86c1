import { CopyButton } from "../../ui/CopyButton.tsx";
import type { Snippet } from "./senderConfig.ts";

/** One configuration block: shown with the key as displayed, copied with the real key. */
export function SnippetBlock(props: { snippet: Snippet; shownKey: string; realKey: string }) {
  const { snippet, shownKey, realKey } = props;
  return (
    <section className="snippet" aria-label={snippet.title} data-snippet={snippet.id}>
      <header className="snippet-header">
        <div>
          <h3>{snippet.title}</h3>
          <p className="muted small">{snippet.where}</p>
        </div>
        <CopyButton value={snippet.text(realKey)} label="Copy" />
      </header>
      <pre className="snippet-code">
        <code>{snippet.text(shownKey)}</code>
      </pre>
    </section>
  );
}
