"""The REST API: ``create_app(settings, store)`` returns the FastAPI application."""

from __future__ import annotations

from narrascope.api.app import create_app

__all__ = ["create_app"]
