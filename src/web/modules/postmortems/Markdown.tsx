import { useMemo } from "react";
import { renderMarkdown } from "./markdown.ts";

/** Rendered Markdown. Safe to inject: the renderer refuses raw HTML and unsafe links (see markdown.ts). */
export function Markdown({ text, empty = "Nothing written yet." }: { text: string; empty?: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  if (text.trim() === "") return <p className="muted">{empty}</p>;
  // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it with html disabled and links validated
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
