import MarkdownIt from "markdown-it";

/**
 * The one Markdown renderer of postmortems and runbooks. Raw HTML is off, so `<script>` and `<img onerror>`
 * stay text; links may only be http(s), mailto or relative, so `javascript:` and `data:` never become hrefs.
 * Everything is rendered here, in the browser, so the preview and the saved page always agree (ADR 14).
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const safeLink = /^(https?:|mailto:|#|\/(?!\/)|\.{0,2}\/)/i;
md.validateLink = (url: string) => safeLink.test(url.trim()) || !/^[a-z][a-z0-9+.-]*:/i.test(url.trim());

const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token && /^https?:/i.test(String(token.attrGet("href") ?? ""))) {
    token.attrSet("target", "_blank");
    token.attrSet("rel", "noopener noreferrer nofollow");
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// The page has its own h1 (and sections their h2): a document's `# Title` becomes an h2, and so on down.
md.renderer.rules.heading_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  if (token) token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.heading_close = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  if (token) token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
  return self.renderToken(tokens, idx, options);
};

export function renderMarkdown(text: string): string {
  return md.render(text);
}
