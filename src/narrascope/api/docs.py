"""Interactive API docs served from local files (no CDN).

Swagger UI comes from the ``swagger-ui-bundle`` package when it is installed;
otherwise ``/docs`` lists the operations of ``/openapi.json`` as plain HTML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from markupsafe import escape

# Swagger UI sets inline styles; its page gets its own policy (still no inline script).
DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'"
)

SWAGGER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Narrascope API</title>
<link rel="stylesheet" href="/docs-assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs-assets/swagger-ui-bundle.js"></script>
<script src="/static/swagger-init.js"></script></body></html>"""


def swagger_dir() -> Path | None:
    """Swagger UI's files, when ``swagger-ui-bundle`` is installed."""
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    return Path(swagger_ui_bundle.swagger_ui_path)


def plain_page(schema: dict[str, Any]) -> str:
    """A plain HTML list of the API's operations."""
    rows = []
    for path, ops in schema.get("paths", {}).items():
        for method, op in ops.items():
            params = ", ".join(p["name"] for p in op.get("parameters", []))
            rows.append(
                f"<tr><td><code>{escape(method.upper())}</code></td><td><code>{escape(path)}"
                f"</code></td><td>{escape(op.get('summary', ''))}</td>"
                f"<td>{escape(params)}</td></tr>"
            )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Narrascope API</title>"
        "<link rel='stylesheet' href='/static/app.css'></head><body><main class='page'>"
        "<h1>Narrascope REST API</h1><p>The machine-readable description is "
        "<a href='/openapi.json'>/openapi.json</a>.</p><table class='grid'><tr><th>Method</th>"
        "<th>Path</th><th>What</th><th>Parameters</th></tr>"
        + "".join(rows)
        + "</table></main></body></html>"
    )


def install_docs(app: FastAPI) -> None:
    """Serve ``/docs`` (Swagger UI from local files, or the plain list)."""
    folder = swagger_dir()
    if folder is not None:
        app.mount("/docs-assets", StaticFiles(directory=folder), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        page = SWAGGER_PAGE if folder is not None else plain_page(app.openapi())
        return HTMLResponse(page, headers={"Content-Security-Policy": DOCS_CSP})
