"""Write a synthetic benchmark corpus: N news pages as HTML files with web chrome.

Invented outlets, people and places; each page has a headline, a byline, a
date, 14-22 paragraphs with attributed quotes, numbers and dates, and the
navigation / share / footer chrome a scraped page carries. Deterministic for a
given seed, so every system in a benchmark reads exactly the same pages.

    python bench/make_corpus.py --n 10000 --out .bench/corpus-10k
"""

from __future__ import annotations

import argparse
import html
import random
from pathlib import Path

OUTLETS = ["Northbridge Courier", "Valley Ledger", "Harbour Post", "Eastern Dispatch",
           "Civic Wire", "Meridian Times", "Lakeside Herald", "Coastline Daily"]
FIRST = ["Ana", "Tomas", "Lena", "Pavel", "Miriam", "Jonas", "Irina", "Omar", "Sofia", "Karel",
         "Nadia", "Viktor", "Helen", "Ruben", "Amara", "Dmitri", "Clara", "Yusuf"]
LAST = ["Ferreira", "Kowalczyk", "Brandt", "Okafor", "Lindqvist", "Marchetti", "Haddad",
        "Novak", "Castellano", "Verhoeven", "Petrenko", "Albescu", "Moreau", "Sandoval"]
ROLES = ["foreign minister", "spokesperson", "negotiator", "defence analyst", "mayor",
         "deputy prime minister", "union leader", "energy commissioner"]
PLACES = ["Valmora", "Kestrel Bay", "Drovny", "Port Alder", "Sarnica", "Eastmarch", "Lorn"]
ORGS = ["the Northern Alliance", "the Grain Council", "the Harbour Authority",
        "the Continental Bank", "the Red Cross", "the Energy Union", "the Defence Ministry"]
TOPICS = ["ceasefire talks", "grain corridor", "prisoner exchange", "energy prices",
          "border crossing", "reconstruction fund", "sanctions package"]
CUES = ["said", "told reporters", "warned", "added", "insisted", "noted", "claimed"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _sentence(rng: random.Random, topic: str) -> str:
    place, org, person = rng.choice(PLACES), rng.choice(ORGS), _person(rng)
    day, month = rng.randint(1, 28), rng.choice(MONTHS)
    number = rng.randint(2, 900)
    templates = [
        f'"We will not accept any deal on the {topic} that ignores {place}," {person}, '
        f"the {rng.choice(ROLES)}, {rng.choice(CUES)} on {month} {day}.",
        f"Officials in {place} said {number} people had crossed since {month} {day}, "
        f"according to {org}.",
        f"{person} {rng.choice(CUES)} that {org} would review the {topic} within {number % 30 + 2} days.",
        f"The delegation from {place} arrived on Tuesday, two weeks after the previous round "
        f"collapsed over the {topic}.",
        f'"This is a serious step," {rng.choice(CUES)} {person}. "Nobody expected it so soon."',
        f"{org.capitalize()} estimated the cost at {number} million euros, "
        f"while critics put it far higher.",
        f"Residents of {place} described long queues and shortages as the {topic} stalled.",
        f"Analysts said the move could reshape talks in {place} before the summit in {month}.",
    ]
    return rng.choice(templates)


def article(i: int, seed: int = 0) -> tuple[str, str]:
    """Filename and HTML page of article ``i``."""
    rng = random.Random(seed * 1_000_003 + i)
    topic, place = rng.choice(TOPICS), rng.choice(PLACES)
    outlet, author = rng.choice(OUTLETS), _person(rng)
    title = f"{place} {rng.choice(['weighs', 'rejects', 'backs', 'delays'])} {topic} ({i})"
    paragraphs = [" ".join(_sentence(rng, topic) for _ in range(rng.randint(1, 3)))
                  for _ in range(rng.randint(14, 22))]
    date = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<meta name="author" content="{author}"><meta property="article:published_time" content="{date}T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a> <a href="/subscribe">Subscribe</a></nav>
<article><h1>{html.escape(title)}</h1>
<p class="byline">By {author} | {date}</p>
{body}
</article>
<aside class="share">Share on Facebook | Share on X | Copy link</aside>
<aside class="related"><h3>Read more</h3><ul><li><a href="/a">Markets slip ahead of summit</a></li>
<li><a href="/b">Weather: storms expected along the coast</a></li></ul></aside>
<footer>© 2024 {outlet}. All rights reserved. Cookie settings | Privacy policy</footer>
</body></html>
"""
    return f"{i:06d}.html", page


def write_corpus(n: int, out: Path, seed: int = 0) -> Path:
    """Write ``n`` pages under ``out`` (kept if already complete)."""
    out.mkdir(parents=True, exist_ok=True)
    if len(list(out.glob("*.html"))) == n:
        return out
    for i in range(n):
        name, page = article(i, seed)
        (out / name).write_text(page, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    write_corpus(args.n, args.out, args.seed)
    print(args.out)


if __name__ == "__main__":
    main()
