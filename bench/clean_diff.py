"""Lines that a cleaning change removes or adds, over folders of scraped ``*.txt`` files.

Cleans every file with the source tree under test and with an earlier one (for
instance a ``git worktree`` of the previous commit), each in its own process, and
prints the lines only one of them keeps, most frequent first::

    git worktree add /tmp/before HEAD~1 --detach
    python bench/clean_diff.py --before /tmp/before/src --after src FOLDER [FOLDER ...]
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

_CLEAN = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from narrascope.clean import clean_text
out = {}
for folder in sys.argv[2:]:
    for f in sorted(Path(folder).glob("*.txt")):
        try:
            out[str(f)] = clean_text(f.read_text("utf-8", errors="replace"), source=str(f)).text
        except Exception as exc:
            out[str(f)] = f"ERROR {exc}"
print(json.dumps(out))
"""


def cleaned(src: str, folders: list[str]) -> dict[str, str]:
    """Clean text of every file, with the package under ``src``."""
    run = subprocess.run(
        [sys.executable, "-c", _CLEAN, src, *folders], capture_output=True, text=True, check=True
    )
    data: dict[str, str] = json.loads(run.stdout)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="src folder of the earlier code")
    parser.add_argument("--after", default=str(Path(__file__).parents[1] / "src"))
    parser.add_argument("--top", type=int, default=60)
    parser.add_argument("folders", nargs="+")
    args = parser.parse_args()
    before, after = cleaned(args.before, args.folders), cleaned(args.after, args.folders)
    changed = [f for f in before if before[f] != after.get(f)]
    lines: Counter[str] = Counter()
    for f in changed:
        for line in difflib.ndiff(before[f].split("\n"), after[f].split("\n")):
            if line[:2] in ("- ", "+ ") and line[2:].strip():
                lines[("removed: " if line[0] == "-" else "added:   ") + line[2:][:140]] += 1
    print(f"{len(before)} files, {len(changed)} changed")
    for text, n in lines.most_common(args.top):
        print(f"{n:5d} {text}")


if __name__ == "__main__":
    main()
