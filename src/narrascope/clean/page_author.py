"""trafilatura's author of a page, found without copying and pruning the whole tree.

``trafilatura.metadata.extract_author`` deep-copies the page, prunes comment,
sidebar, date and figure elements (``AUTHOR_DISCARD_XPATHS``) and runs three XPath
queries with regular-expression tests (``AUTHOR_XPATHS``): about a sixth of
trafilatura's time on a news page. :func:`page_author` gives the same result: one
XPath without regular expressions picks the elements that carry the attributes
those queries test, the same tests run on them in Python, and only a candidate
that holds a pruned element is copied and pruned. When the installed trafilatura's
queries differ from the ones these tests were written for, trafilatura's own
function runs.
"""

from __future__ import annotations

import hashlib
import re
from copy import deepcopy

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import extract_author
from trafilatura.utils import trim
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

# sha256 of trafilatura 2.x's AUTHOR_XPATHS + AUTHOR_DISCARD_XPATHS, whitespace collapsed
_KNOWN_QUERIES = "2af94d4a6e04e948df241a9e68388d224ac8a86fb3169fc4e07dad1dbf4e0ce7"
AUTHOR_LEN_LIMIT = 120  # as extract_author: 2 < len(author) < 120

# Every element any of the queries can select: an attribute they test, or the tag.
_MAYBE = XPath(
    "descendant-or-self::*[@class or @id or @itemprop or @rel or @data-testid or "
    "@data-component or rel or self::author or self::time or self::figure]"
)
_TAGS_1 = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_CLASS_1 = re.compile("author-?name|AuthorName|authorName")
_TAGS_2 = frozenset({"a", "div", "h3", "h4", "p", "span"})
_ID_2 = re.compile("author|zuozhe|bianji|xiaobian")
_CLASS_2 = re.compile(
    "author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)
_ID_3 = re.compile("[Aa]uthor")
_CLASS_3 = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
_DISCARD_ID = re.compile("^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
    "article-(?:share|support)|print|category|meta-date|meta-reviewer"
)


def _queries_known() -> bool:
    paths = "\n".join(" ".join(x.path.split()) for x in [*AUTHOR_XPATHS, *AUTHOR_DISCARD_XPATHS])
    return hashlib.sha256(paths.encode()).hexdigest() == _KNOWN_QUERIES


QUERIES_KNOWN = _queries_known()


def page_author(tree: HtmlElement) -> str | None:
    """The author ``trafilatura.metadata.extract_author(tree)`` finds (``tree`` unchanged)."""
    if not QUERIES_KNOWN:
        return extract_author(tree)
    elements: list[HtmlElement] = _MAYBE(tree)
    discarded = {e for e in elements if e is not tree and _discarded(e)}
    for query in (_query_1, _query_2, _query_3):
        for element in elements:
            if query(element, discarded) and not _pruned(element, tree, discarded):
                content = _pruned_text(element, discarded)
                if content and 2 < len(content) < AUTHOR_LEN_LIMIT:
                    return normalize_authors(None, content)
    return None


def _query_1(e: HtmlElement, discarded: set[HtmlElement]) -> bool:
    if e.tag == "author":
        return True
    if e.tag not in _TAGS_1:
        return False
    cls = e.get("class")
    return (
        e.get("rel") == "author"
        or e.get("id") == "author"
        or cls == "author"
        or e.get("itemprop") == "author name"
        or any(_rel_me(child, discarded) for child in e.iterchildren("rel"))
        or e.get("data-testid") in ("AuthorCard", "AuthorURL")
        or (cls is not None and _CLASS_1.search(cls) is not None)
    )


def _query_2(e: HtmlElement, _: set[HtmlElement]) -> bool:
    if e.tag not in _TAGS_2:
        return False
    cls, ident = e.get("class"), e.get("id")
    return (
        cls in ("byline", "username", "byl", "BBL")
        or "author" in (e.get("itemprop") or "")
        or (ident is not None and _ID_2.search(ident) is not None)
        or (cls is not None and _CLASS_2.search(cls) is not None)
    )


def _query_3(e: HtmlElement, _: set[HtmlElement]) -> bool:
    cls, ident = e.get("class"), e.get("id")
    return (
        "Byline" in (e.get("data-component") or "")
        or "author" in (e.get("itemprop") or "")
        or (ident is not None and _ID_3.search(ident) is not None)
        or (cls is not None and _CLASS_3.search(cls) is not None)
    )


def _discarded(e: HtmlElement) -> bool:
    """Selected by ``AUTHOR_DISCARD_XPATHS`` (the tree's root itself is never removed)."""
    if e.tag in ("time", "figure"):
        return True
    if e.tag not in _DISCARD_TAGS:
        return False
    cls, ident = e.get("class"), e.get("id")
    return (
        ident == "comments"
        or cls in ("comments", "title", "date")
        or (ident is not None and _DISCARD_ID.search(ident) is not None)
        or (cls is not None and _DISCARD_CLASS.search(cls) is not None)
        or "Figure" in (e.get("data-component") or "")
    )


def _pruned(element: HtmlElement, root: HtmlElement, discarded: set[HtmlElement]) -> bool:
    """Whether ``element`` is gone from the pruned tree (it or an ancestor removed)."""
    node: HtmlElement | None = element
    while node is not None and node is not root:
        if node in discarded:
            return True
        node = node.getparent()
    return False


def _pruned_text(element: HtmlElement, discarded: set[HtmlElement]) -> str:
    """The element's text (as ``extract_metainfo`` joins it) once the discarded
    elements inside it are pruned."""
    return trim(" ".join(_pruned_copy(element, discarded).itertext()))


def _rel_me(child: HtmlElement, discarded: set[HtmlElement]) -> bool:
    """XPath ``rel='me'``: a ``<rel>`` child whose pruned string value is "me"."""
    return "".join(_pruned_copy(child, discarded).itertext()) == "me"


def _pruned_copy(element: HtmlElement, discarded: set[HtmlElement]) -> HtmlElement:
    """``element`` itself when nothing inside it is pruned, else a pruned copy."""
    if not any(inner in discarded for inner in element.iterdescendants()):
        return element
    copy = deepcopy(element)  # the copy is the root of its own tree, as in extract_author
    prune_unwanted_nodes(copy, AUTHOR_DISCARD_XPATHS)
    return copy
