"""The visible text of markup that trees cannot hold: the last fallback for HTML.

lxml (and so trafilatura) stops building a tree at libxml2's depth limit, so a
page of thousands of nested ``div`` elements yields no text at all. Python's
streaming :class:`html.parser.HTMLParser` keeps no tree: it reads the text of
any depth, skipping scripts, styles and the head, with a paragraph break at
each block element.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})
BLOCKS = frozenset(
    {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
     "article", "blockquote", "pre", "ul", "ol", "table", "header", "footer", "main"}
)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """Paragraphs of text a browser would show, whatever the nesting depth ("" if none)."""
    parser = _TextParser()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # markup the tokenizer gives up on: keep what it read
        pass
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", "".join(parser.parts)))
    return "\n\n".join(p for p in paragraphs if p)
