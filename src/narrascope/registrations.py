"""Registration of the built-in stages under versioned names.

Imported lazily by :func:`narrascope.pipeline.registered_stages`, so importing
Narrascope loads no model.
"""

from __future__ import annotations
