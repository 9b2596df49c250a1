"""One JSON error shape everywhere: ``{"ok": false, "error": message, "status": code}``.

Web pages asked for by a browser get the same message as a small HTML page.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from markupsafe import escape
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from narrascope.errors import ConfigError, IngestError, NarrascopeError, NotFoundError

logger = logging.getLogger(__name__)


class ErrorBody(BaseModel):
    """The body of every error response."""

    ok: bool = False
    error: str
    status: int


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in (
        (400, "Bad request"),
        (401, "Token required"),
        (403, "Forbidden"),
        (404, "Not found"),
        (413, "Upload too large"),
        (422, "Invalid parameters"),
    )
}


def error_body(status: int, message: str) -> dict[str, Any]:
    """The error object for ``status``."""
    return {"ok": False, "error": message, "status": status}


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api") or path in ("/openapi.json", "/docs"):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_response(request: Request, status: int, message: str) -> Response:
    """JSON error, or an HTML page with the same message for a browser's page request."""
    if _wants_html(request):
        html = (
            "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>Error {status}</title><link rel='stylesheet' href='/static/app.css'></head>"
            f"<body><main class='page'><h1>Error {status}</h1>"
            f"<p class='error'>{escape(message)}</p>"
            "<p><a href='/'>Back to the overview</a></p></main></body></html>"
        )
        return HTMLResponse(html, status_code=status)
    return JSONResponse(error_body(status, message), status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "invalid parameters: " + "; ".join(parts)


def _status_of(exc: NarrascopeError) -> int:
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, ConfigError | IngestError):
        return 400
    return 500


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through :func:`error_response`."""

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        response = error_response(request, exc.status_code, detail)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(request, 422, _validation_message(exc))

    async def narrascope_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, NarrascopeError)
        status = _status_of(exc)
        if status >= 500:
            logger.error("%s %s: %s", request.method, request.url.path, exc)
        return error_response(request, status, str(exc))

    async def server_error(request: Request, exc: Exception) -> Response:
        logger.exception("%s %s failed", request.method, request.url.path)
        return error_response(request, 500, "internal error; see the server log")

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(NarrascopeError, narrascope_error)
    app.add_exception_handler(Exception, server_error)
