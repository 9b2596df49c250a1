"""What the date rules read beside a match: the reading state and the handler type.

Its own module so that the rules (``timex_rules``) and the reader that runs them
(``dates``) both depend on it and not on each other.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from narrascope.extract import when as cal


@dataclass(slots=True)
class ReadState:
    """Where the reader stands when it resolves an expression."""

    published: date | None
    context: cal.When | None  # the last date mentioned
    future: bool  # the sentence speaks of the future
    context_sentence: int = -1  # sentence of the last date mentioned
    sentence: int = 0  # sentence of the expression being read


Handler = Callable[[re.Match[str], ReadState], "cal.Resolved | None"]
