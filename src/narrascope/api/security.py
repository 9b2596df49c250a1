"""Safety at the edge: loopback by default, a token for writes, strict browser headers.

* Write endpoints (ingest, merge, delete) need the token when one is set or when
  the server listens on a non-loopback address; exposed without a token, they
  are refused outright.
* Cross-site writes are refused (``Origin`` must match the ``Host``), and a
  loopback server only answers to loopback host names (DNS rebinding).
* Every response carries a Content-Security-Policy that allows scripts from the
  server's own static files only, so markup inside an article can never run.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp

from narrascope.api.errors import error_response

TOKEN_ENV = "NARRASCOPE_TOKEN"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) only accepts local connections."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class Security:
    """How the server is exposed: its bind address and the write token."""

    host: str = "127.0.0.1"
    token: str | None = None

    @classmethod
    def build(cls, host: str = "127.0.0.1", token: str | None = None) -> Security:
        """Security for ``host``; the token falls back to ``$NARRASCOPE_TOKEN``."""
        return cls(host=host, token=token or os.environ.get(TOKEN_ENV) or None)

    @property
    def exposed(self) -> bool:
        """Whether the server listens beyond loopback."""
        return not is_loopback(self.host)

    @property
    def token_required(self) -> bool:
        """Whether write endpoints ask for the token."""
        return self.exposed or self.token is not None


def presented_token(request: Request) -> str | None:
    """The token sent as ``Authorization: Bearer`` or ``X-Narrascope-Token``."""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-narrascope-token")


def check_write(security: Security, token: str | None) -> None:
    """Raise 401/403 unless a write with ``token`` is allowed."""
    if not security.token_required:
        return
    if security.token is None:
        raise HTTPException(
            403,
            "write endpoints are disabled: the server is exposed without a token; "
            "restart it with --token or NARRASCOPE_TOKEN",
        )
    if token is None or not hmac.compare_digest(token.encode(), security.token.encode()):
        raise HTTPException(
            401,
            "this endpoint needs the server's token (Authorization: Bearer TOKEN)",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def require_write(request: Request) -> None:
    """FastAPI dependency of every write endpoint."""
    check_write(request.app.state.security, presented_token(request))


def _same_origin(request: Request) -> bool:
    """A browser's write must come from this server's own pages."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if origin is None:  # not a browser (curl, scripts): the token rules apply
        return True
    if origin == "null":
        return False
    return urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower()


def _host_allowed(request: Request, security: Security) -> bool:
    if security.exposed:
        return True
    host = request.headers.get("host", "")
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return name.lower() in LOOPBACK_NAMES


class SecurityMiddleware(BaseHTTPMiddleware):
    """Host check, cross-site write check and security headers on every response."""

    def __init__(self, app: ASGIApp, security: Security) -> None:
        super().__init__(app)
        self.security = security

    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if not _host_allowed(request, self.security):
            response = error_response(request, 400, "unknown Host header for a loopback server")
        elif request.method not in SAFE_METHODS and not _same_origin(request):
            response = error_response(request, 403, "cross-site request refused")
        else:
            response = await call_next(request)
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        headers["Referrer-Policy"] = "same-origin"
        return response
