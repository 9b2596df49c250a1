"""Build the cleaning gold JSONL files from the annotated sources in ``src/``.

Source format: ``=== id`` starts an article, ``@field: value`` sets metadata,
then one raw line per source line, prefixed ``A|`` (article text), ``C|``
(chrome), ``T|`` (the headline) or ``K|`` (``kicker|article text``: a kicker
prefix glued to an article line). ``C|`` alone is a blank line.

Run: ``python tests/data/gold/cleaning/build_gold.py``
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent
FIELDS = ("title", "author", "published", "outlet", "url", "language")


def parse(path: Path) -> list[dict[str, object]]:
    articles: list[dict[str, object]] = []
    current: dict[str, object] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("=== "):
            current = {
                "id": line[4:].strip(),
                "raw_lines": [],
                "article_lines": [],
                "chrome_lines": [],
                "kicker_lines": [],
                "language": "en",
            }
            current.update({f: current.get(f) for f in FIELDS})
            articles.append(current)
        elif current is not None and line.startswith("@"):
            key, _, value = line[1:].partition(":")
            current[key.strip()] = value.strip() or None
        elif current is not None:
            _add_line(current, line)
    for article in articles:
        article["raw"] = "\n".join(article.pop("raw_lines")) + "\n"  # type: ignore[arg-type]
    return articles


def _add_line(article: dict[str, object], line: str) -> None:
    tag, body = line[:2], line[3:] if len(line) > 3 else ""
    raw_lines = article["raw_lines"]
    assert isinstance(raw_lines, list)
    if tag == "K|":
        kicker, _, text = body.partition("|")
        raw_lines.append(kicker + text)
        article["article_lines"].append(text)  # type: ignore[attr-defined]
        article["kicker_lines"].append(kicker + text)  # type: ignore[attr-defined]
        return
    raw_lines.append(body)
    if not body.strip():
        return
    if tag == "A|":
        article["article_lines"].append(body)  # type: ignore[attr-defined]
    elif tag == "C|":
        article["chrome_lines"].append(body)  # type: ignore[attr-defined]
    elif tag != "T|":
        raise ValueError(f"{article['id']}: bad line tag {tag!r}")


def main() -> None:
    for split in ("dev", "heldout"):
        articles = parse(HERE / "src" / f"{split}.txt")
        with (HERE / f"{split}.jsonl").open("w", encoding="utf-8") as out:
            for article in articles:
                out.write(json.dumps(article, ensure_ascii=False) + "\n")
        print(f"{split}: {len(articles)} articles")


if __name__ == "__main__":
    main()
