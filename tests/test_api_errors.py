"""One JSON error shape everywhere, and a property-based run over the whole OpenAPI schema."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from narrascope.api import create_app
from narrascope.config import Settings
from narrascope.store import open_store
from web_corpus import fill

TOKEN = "s3cret-token"


def _app() -> Any:
    folder = Path(tempfile.mkdtemp(prefix="narrascope-schemathesis-"))
    store = open_store(folder / "fuzz.db")
    fill(store)
    # exposed with a token: the host check is off and writes run with the token
    return create_app(
        Settings(db=str(folder / "fuzz.db"), stages=(), connect=False),
        store,
        host="0.0.0.0",
        token=TOKEN,
    )


APP = _app()
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


def _assert_error_shape(body: Any, status: int) -> None:
    assert isinstance(body, dict), body
    assert set(body) == {"ok", "error", "status"}, body
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str)
    assert body["error"]


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_errors_schemathesis_no_server_error(case: Any) -> None:
    response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        _assert_error_shape(response.json(), response.status_code)


@pytest.fixture
def client() -> TestClient:
    store = open_store(":memory:")
    fill(store)
    return TestClient(create_app(Settings(db=":memory:"), store), base_url="http://127.0.0.1")


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("GET", "/api/nothing-here", 404),
        ("GET", "/api/stories/none", 404),
        ("GET", "/api/jobs/none", 404),
        ("PUT", "/api/documents", 405),
        ("GET", "/api/documents?offset=99999999999", 422),
        ("POST", "/api/entities/merge", 422),
        ("POST", "/api/ingest/articles", 422),
    ],
)
def test_api_errors_shape_everywhere(
    client: TestClient, method: str, url: str, status: int
) -> None:
    r = client.request(method, url)
    assert r.status_code == status
    _assert_error_shape(r.json(), status)


def test_api_errors_malformed_json_body(client: TestClient) -> None:
    r = client.post(
        "/api/entities/merge", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422
    _assert_error_shape(r.json(), 422)


def test_api_errors_pages_get_html_for_browsers(client: TestClient) -> None:
    r = client.get("/documents/<b>missing<b>", headers={"accept": "text/html"})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "&lt;b&gt;missing&lt;b&gt;" in r.text
    assert "<b>missing" not in r.text
    api = client.get("/api/documents/missing", headers={"accept": "text/html"})
    _assert_error_shape(api.json(), 404)


def test_api_errors_openapi_documents_the_error_shape(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "ErrorBody" in spec["components"]["schemas"]
    op = spec["paths"]["/api/documents"]["get"]
    assert op["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ErrorBody"
    )
    for path, ops in spec["paths"].items():
        for method, operation in ops.items():
            if method == "get" and any(
                p["name"] == "limit" for p in operation.get("parameters", [])
            ):
                names = {p["name"] for p in operation["parameters"]}
                assert {"limit", "offset"} <= names, path
