import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderMarkdown } from "./markdown.ts";

describe("Markdown rendering of postmortems and runbooks", () => {
  it("shows raw HTML as text", () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror="alert(2)">');
    assert.doesNotMatch(html, /<script|<img/);
    assert.match(html, /&lt;script&gt;/);
  });

  it("never turns javascript:, data: or vbscript: into a link, in any spelling", () => {
    for (const bad of [
      "[x](javascript:alert(1))",
      "[x](JAVASCRIPT:alert(1))",
      "[x](jav&#x61;script:alert(1))",
      "[x](data:text/html,<b>x</b>)",
      "[x](vbscript:msgbox)",
      "<javascript:alert(1)>",
      "![img](javascript:alert(1))",
    ]) {
      const html = renderMarkdown(bad);
      assert.doesNotMatch(html, /href="(?!https?:)[a-z]+:/i, `${bad} -> ${html}`);
      assert.doesNotMatch(html, /src="[a-z]+script:/i, `${bad} -> ${html}`);
    }
  });

  it("keeps http(s), mailto and relative links; outside links open safely in a new tab", () => {
    const html = renderMarkdown(
      "[a](https://wiki.example/x) [b](mailto:sre@example.com) [c](/runbooks/db) [d](#top)",
    );
    assert.match(
      html,
      /<a href="https:\/\/wiki.example\/x" target="_blank" rel="noopener noreferrer nofollow">a<\/a>/,
    );
    assert.match(html, /<a href="mailto:sre@example.com">b<\/a>/);
    assert.match(html, /<a href="\/runbooks\/db">c<\/a>/);
    assert.match(html, /<a href="#top">d<\/a>/);
  });

  it("moves headings one level down: the page owns its h1", () => {
    assert.equal(renderMarkdown("# Title\n\n## Check").trim(), "<h2>Title</h2>\n<h3>Check</h3>");
  });
});
