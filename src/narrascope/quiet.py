"""Silence third-party load chatter: model load reports and per-token progress bars.

transformers logs a "LOAD REPORT" table at WARNING each time a checkpoint has
keys the model does not use, and model2vec's distillation draws a progress bar of
tens of thousands of steps (a thousand lines in a log file). Neither says
anything a Narrascope user can act on; real errors still raise.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator

NOISY_LOGGERS = ("transformers", "sentence_transformers", "model2vec", "huggingface_hub")


@contextlib.contextmanager
def quiet_third_party() -> Iterator[None]:
    """Within the block: those libraries log errors only and their progress bars go nowhere."""
    verbosity = _transformers_verbosity(logging.ERROR)  # first: importing it sets its level
    levels = {name: logging.getLogger(name).level for name in NOISY_LOGGERS}
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        with contextlib.redirect_stderr(io.StringIO()):  # tqdm bars write to sys.stderr
            yield
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
        if verbosity is not None:
            _transformers_verbosity(verbosity)


def _transformers_verbosity(level: int) -> int | None:
    """Set transformers' own verbosity (it keeps it apart from ``logging``); the old level."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:
        return None
    before = int(hf_logging.get_verbosity())
    hf_logging.set_verbosity(level)
    return before
