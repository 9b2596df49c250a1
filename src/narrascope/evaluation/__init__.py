"""Scorers of Narrascope against gold sets: one module per task, each with ``evaluate``."""
