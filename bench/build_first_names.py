"""Build ``resources/extract/first_names.json`` from the nomquamgender name data.

nomquamgender (MIT licence, Van Buskirk, Clauset and Larremore 2022; on PyPI) gathers
name-gender data from 36 sources into p(gf), the probability that a bearer of a name is
gendered female. Only given names read from at least ``--min-sources`` sources and
``--min-counts`` observations, with p(gf) at most ``--cut`` ("m") or at least
``1 - cut`` ("f"), are kept: strongly gendered, common names. Names such as "Jordan",
"Kim" or "Jean" stay out, so their bearers' gender comes from the text or stays unknown.
The file holds names and labels only:

    pip install nomquamgender && python bench/build_first_names.py
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/narrascope/resources/extract/first_names.json"
_NAME = re.compile(r"[a-z][a-z'-]+")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-sources", type=int, default=3)
    parser.add_argument("--min-counts", type=int, default=100)
    parser.add_argument("--cut", type=float, default=0.05)
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args()
    import nomquamgender

    data = nomquamgender.dump()
    kept: dict[str, list[str]] = {"f": [], "m": []}
    for name, (sources, counts, pgf, *_) in sorted(data.items()):
        if not _NAME.fullmatch(name) or sources < args.min_sources:
            continue
        if not isinstance(counts, (int, float)) or counts < args.min_counts:
            continue
        if pgf <= args.cut:
            kept["m"].append(name)
        elif pgf >= 1 - args.cut:
            kept["f"].append(name)
    out = {
        "_comment": (
            "Strongly gendered given names (lowercase, ASCII) derived from the nomquamgender "
            f"name data (MIT licence) by bench/build_first_names.py: at least "
            f"{args.min_sources} sources and {args.min_counts} observations, p(gf) <= "
            f"{args.cut} ('m') or >= {1 - args.cut:.2f} ('f')."
        ),
        "f": " ".join(kept["f"]),
        "m": " ".join(kept["m"]),
    }
    Path(args.out).write_text(json.dumps(out, ensure_ascii=True) + "\n", "utf-8")
    print(f"{len(kept['f'])} female and {len(kept['m'])} male names -> {args.out}")


if __name__ == "__main__":
    main()
