"""``python -m narrascope``."""

from narrascope.cli import main

main()
