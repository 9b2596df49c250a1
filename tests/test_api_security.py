"""Safety: loopback by default, tokens on writes, cross-site and Host checks, CSP, names."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from narrascope.api import create_app
from narrascope.api.ingest import safe_name
from narrascope.api.security import CSP, is_loopback
from narrascope.config import Settings
from narrascope.store import open_store
from web_corpus import fill


def _client(
    host: str = "127.0.0.1", token: str | None = None, base: str = "http://127.0.0.1"
) -> TestClient:
    store = open_store(":memory:")
    fill(store)
    return TestClient(
        create_app(Settings(db=":memory:"), store, host=host, token=token), base_url=base
    )


MERGE = {"a": "e-valcourt", "b": "e-brandt"}


@pytest.fixture(autouse=True)
def _no_env_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NARRASCOPE_TOKEN", raising=False)


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_api_security_loopback_detection(host: str, local: bool) -> None:
    assert is_loopback(host) is local


def test_api_security_loopback_without_token_allows_writes() -> None:
    c = _client()
    assert c.post("/api/entities/merge", json=MERGE).status_code == 200


def test_api_security_token_set_makes_writes_need_it() -> None:
    c = _client(token="abc")
    r = c.post("/api/entities/merge", json=MERGE)
    assert r.status_code == 401
    assert r.json()["status"] == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert (
        c.post(
            "/api/entities/merge", json=MERGE, headers={"Authorization": "Bearer wrong"}
        ).status_code
        == 401
    )
    assert (
        c.post(
            "/api/entities/merge", json=MERGE, headers={"Authorization": "Bearer abc"}
        ).status_code
        == 200
    )
    assert c.delete("/api/documents/d1", headers={"X-Narrascope-Token": "abc"}).status_code == 200
    assert c.get("/api/documents").status_code == 200  # reads stay open


def test_api_security_token_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NARRASCOPE_TOKEN", "from-env")
    c = _client()
    assert c.delete("/api/documents/d1").status_code == 401
    assert (
        c.delete("/api/documents/d1", headers={"Authorization": "Bearer from-env"}).status_code
        == 200
    )


def test_api_security_exposed_without_token_refuses_writes() -> None:
    c = _client(host="0.0.0.0", base="http://192.168.1.5:8000")
    for r in (
        c.post("/api/entities/merge", json=MERGE),
        c.delete("/api/documents/d1"),
        c.post("/api/ingest/articles", json={"articles": [{"content": "x"}]}),
        c.post("/upload", files={"files": ("a.txt", b"hello")}),
    ):
        assert r.status_code == 403, r.text
        assert "--token" in r.json()["error"]
    assert c.get("/api/documents/d1").status_code == 200


def test_api_security_exposed_with_token() -> None:
    c = _client(host="0.0.0.0", token="t0k", base="http://10.0.0.2:8000")
    assert c.delete("/api/documents/d1").status_code == 401
    assert c.delete("/api/documents/d1", headers={"Authorization": "Bearer t0k"}).status_code == 200


def test_api_security_cross_site_writes_are_refused() -> None:
    c = _client()
    evil = c.post("/api/entities/merge", json=MERGE, headers={"Origin": "http://evil.example"})
    assert evil.status_code == 403
    assert evil.json()["error"] == "cross-site request refused"
    ref = c.delete("/api/documents/d1", headers={"Referer": "http://evil.example/page"})
    assert ref.status_code == 403
    same = c.post("/api/entities/merge", json=MERGE, headers={"Origin": "http://127.0.0.1"})
    assert same.status_code == 200


def test_api_security_loopback_server_rejects_foreign_host_names() -> None:
    c = _client(base="http://rebind.example")
    r = c.get("/api/documents")
    assert r.status_code == 400
    assert r.json()["status"] == 400
    assert _client(base="http://localhost:8000").get("/api/documents").status_code == 200


def test_api_security_headers_on_every_response() -> None:
    c = _client()
    for url in ("/", "/documents/d3", "/api/documents", "/api/nothing", "/static/app.css"):
        headers = c.get(url).headers
        assert headers["content-security-policy"] == CSP, url
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
    assert "script-src 'self'" in CSP
    assert "unsafe-inline" not in CSP.split("style-src")[0]


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Windows\\win.ini", "win.ini"),
        ("a b;rm -rf.json", "a_b_rm_-rf.json"),
        ("", "upload"),
        ("...", "upload"),
        (None, "upload"),
        ("<script>.html", "script_.html"),
    ],
)
def test_api_security_upload_names_are_labels(name: str | None, safe: str) -> None:
    assert safe_name(name) == safe
