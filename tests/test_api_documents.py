"""REST API: documents (list, filters, pagination, detail, delete) and full-text search."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from narrascope.api import create_app
from narrascope.config import Settings
from narrascope.store import Store, open_store
from web_corpus import CHROME, HOSTILE, fill

BASE = "http://127.0.0.1"


@pytest.fixture
def store() -> Iterator[Store]:
    s = open_store(":memory:")
    fill(s)
    yield s
    s.close()


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=":memory:"), store), base_url=BASE) as c:
        yield c


def test_api_documents_list_pages_newest_first(client: TestClient) -> None:
    body = client.get("/api/documents", params={"limit": 2}).json()
    assert body["total"] == 3
    assert body["limit"] == 2
    assert body["offset"] == 0
    assert [d["id"] for d in body["items"]] == ["d3", "d2"]
    rest = client.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    assert [d["id"] for d in rest["items"]] == ["d1"]
    assert "text" not in body["items"][0]


@pytest.mark.parametrize(
    ("params", "ids"),
    [
        ({"outlet": "Daily Meridian"}, ["d2"]),
        ({"date_from": "2024-05-15"}, ["d3", "d2"]),
        ({"date_to": "2024-05-14"}, ["d1"]),
        ({"narrative": "URW: Negative consequences for the West"}, ["d2"]),
        ({"entity": "e-brandt"}, ["d3", "d2"]),
        ({"language": "fr"}, []),
    ],
)
def test_api_documents_filters(client: TestClient, params: dict[str, str], ids: list[str]) -> None:
    body = client.get("/api/documents", params=params).json()
    assert [d["id"] for d in body["items"]] == ids
    assert body["total"] == len(ids)


def test_api_documents_detail_has_every_finding(client: TestClient) -> None:
    doc = client.get("/api/documents/d1").json()
    assert doc["title"].startswith("Valcourt says")
    for key in ("entities", "quotes", "events", "narratives", "techniques", "roles", "tone"):
        assert doc[key], key
    quote = doc["quotes"][0]
    assert doc["text"][quote["start"] : quote["end"]] == quote["text"]
    assert doc["raw"].startswith("Home | World")
    assert doc["offsets"] == [[0, len(CHROME), len(doc["text"])]]
    slim = client.get("/api/documents/d1", params={"raw": "false"}).json()
    assert "raw" not in slim
    assert "offsets" not in slim


def test_api_documents_text_is_returned_verbatim_as_json(client: TestClient) -> None:
    doc = client.get("/api/documents/d3").json()
    assert HOSTILE in doc["text"]  # JSON carries the text; escaping is the page's job
    assert client.get("/api/documents/d3").headers["content-type"] == "application/json"


def test_api_documents_missing_is_404_in_the_error_shape(client: TestClient) -> None:
    r = client.get("/api/documents/no-such-doc")
    assert r.status_code == 404
    assert r.json() == {"ok": False, "error": "no document with id 'no-such-doc'", "status": 404}


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"date_from": "May 2024"}, {"limit": "x"}],
)
def test_api_documents_bad_parameters_are_422(
    client: TestClient, params: dict[str, object]
) -> None:
    r = client.get("/api/documents", params=params)
    assert r.status_code == 422
    body = r.json()
    assert body["ok"] is False
    assert body["status"] == 422
    assert "invalid parameters" in body["error"]


def test_api_documents_delete_removes_the_document(client: TestClient, store: Store) -> None:
    r = client.delete("/api/documents/d2")
    assert r.status_code == 200
    assert r.json() == {"ok": True, "deleted": "d2"}
    assert not store.has_document("d2")
    assert client.delete("/api/documents/d2").status_code == 404
    assert client.get("/api/documents").json()["total"] == 2


def test_api_search_returns_snippets_and_total(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "harbour towns", "limit": 1}).json()
    assert body["total"] == 2
    assert len(body["items"]) == 1
    assert body["query"] == "harbour towns"
    hit = body["items"][0]
    assert "[harbour]" in hit["snippet"]
    assert hit["doc_id"] in {"d2", "d3"}
    phrase = client.get("/api/search", params={"q": '"Twelve negotiators"'}).json()
    assert [h["doc_id"] for h in phrase["items"]] == ["d1"]


@pytest.mark.parametrize("q", ['"unclosed', "NEAR(a b)", "* OR", "title:x", "a' OR 1=1 --", "\x00"])
def test_api_search_database_syntax_is_never_interpreted(client: TestClient, q: str) -> None:
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 200
    assert r.json()["total"] == len(r.json()["items"])


def test_api_search_needs_a_query(client: TestClient) -> None:
    r = client.get("/api/search")
    assert r.status_code == 422
    assert r.json()["status"] == 422
