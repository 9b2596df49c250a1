"""REST API: entities, quotes, timeline, stories, contradictions, corpus figures, exports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from narrascope.api import create_app
from narrascope.config import Settings
from narrascope.store import Store, open_store
from web_corpus import NARR_A, fill

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


def test_api_entities_list_and_query(client: TestClient) -> None:
    body = client.get("/api/entities").json()
    assert body["total"] == 4
    assert {e["id"] for e in body["items"]} >= {"e-valcourt", "e-brandt"}
    found = client.get("/api/entities", params={"q": "Valc"}).json()
    assert [e["name"] for e in found["items"]] == ["Irena Valcourt"]
    assert found["total"] == 1
    assert client.get("/api/entities", params={"q": "100%_"}).json()["total"] == 0


def test_api_entities_detail_roles_and_quotes(client: TestClient) -> None:
    ent = client.get("/api/entities/e-brandt").json()
    assert ent["aliases"] == ["Brandt"]
    assert ent["n_documents"] == 2
    assert ent["roles_by_outlet"] == {
        "Daily Meridian": {"Protagonist": 1},
        "Coastline Post": {"Antagonist": 1},
    }
    assert [q["doc_id"] for q in ent["quotes_by"]] == ["d2"]
    val = client.get("/api/entities/e-valcourt", params={"mentions": 1}).json()
    assert len(val["mentions"]) == 1
    assert len(val["quotes_by"]) == 2
    assert client.get("/api/entities/nobody").status_code == 404


def test_api_entities_merge_and_split_are_recorded(client: TestClient, store: Store) -> None:
    r = client.post("/api/entities/merge", json={"a": "e-valcourt", "b": "Minister Valcourt"})
    assert r.status_code == 200
    assert r.json()["ok"] is True
    client.post("/api/entities/split", json={"entity": "e-brandt", "alias": "Brandt"})
    assert [(o.kind, o.a, o.b) for o in store.list_overrides()] == [
        ("merge", "e-valcourt", "Minister Valcourt"),
        ("split", "e-brandt", "Brandt"),
    ]
    listed = client.get("/api/overrides").json()
    assert listed["total"] == 2
    assert listed["items"][1]["kind"] == "split"
    assert client.post("/api/entities/merge", json={"a": ""}).status_code == 422


def test_api_quotes_filters_and_pages(client: TestClient) -> None:
    body = client.get("/api/quotes").json()
    assert body["total"] == 3
    by = client.get("/api/quotes", params={"speaker": "e-valcourt"}).json()
    assert {q["doc_id"] for q in by["items"]} == {"d1", "d3"}
    assert client.get("/api/quotes", params={"speaker": "Tomas Brandt"}).json()["total"] == 1
    page = client.get("/api/quotes", params={"outlet": "Northern Ledger", "limit": 1}).json()
    assert page["total"] == 1
    assert page["items"][0]["speaker_name"] == "Irena Valcourt"
    speakers = client.get("/api/speakers").json()
    assert speakers["items"][0] == {
        "speaker": "Irena Valcourt",
        "entity_id": "e-valcourt",
        "quotes": 2,
    }
    assert speakers["total"] == 2


def test_api_timeline_in_date_order(client: TestClient) -> None:
    body = client.get("/api/timeline").json()
    values = [e["value"] for e in body["items"]]
    assert values == sorted(values)
    assert body["total"] == 4
    assert body["items"][0]["sentence"]["text"].startswith("The delegation of Ostmark")
    one = client.get("/api/timeline", params={"outlet": "Daily Meridian"}).json()
    assert [e["value"] for e in one["items"]] == ["2024-06"]
    story = client.get("/api/timeline", params={"story": "s1", "limit": 2, "offset": 2}).json()
    assert story["total"] == 4
    assert len(story["items"]) == 2
    assert client.get("/api/timeline", params={"story": "nope"}).status_code == 404


def test_api_stories_list_detail_and_comparison(client: TestClient) -> None:
    body = client.get("/api/stories").json()
    assert body["total"] == 1
    assert body["items"][0]["label"] == "Harbour talks"
    story = client.get("/api/stories/s1").json()
    assert [d["id"] for d in story["document_summaries"]] == ["d1", "d2", "d3"]
    cmp = client.get("/api/stories/s1/comparison").json()
    assert cmp["contradictions"][0]["span_b"]["text"] == "twenty negotiators will attend"
    assert set(cmp["outlets"]) == {"Northern Ledger", "Daily Meridian", "Coastline Post"}
    assert cmp["quotes"]["Tomas Brandt"].keys() == {"Daily Meridian"}
    assert cmp["claims"], "claims x outlets rows"
    assert client.get("/api/stories/none/comparison").status_code == 404


def test_api_contradictions_by_story(client: TestClient) -> None:
    body = client.get("/api/contradictions", params={"story": "s1"}).json()
    assert body["total"] == 1
    assert body["items"][0]["kind"] == "number"
    assert client.get("/api/contradictions", params={"story": "other"}).json()["total"] == 0


def test_api_corpus_overview_outlets_narratives_failures(client: TestClient) -> None:
    view = client.get("/api/overview").json()
    assert view["counts"] == {
        "documents": 3,
        "entities": 4,
        "stories": 1,
        "contradictions": 1,
        "outlets": 3,
    }
    assert view["speakers"][0]["speaker"] == "Irena Valcourt"
    outlets = client.get("/api/outlets", params={"limit": 2}).json()
    assert outlets["total"] == 3
    assert len(outlets["items"]) == 2
    rows = client.get("/api/narratives/by-outlet").json()
    assert {"outlet": "Northern Ledger", "label": NARR_A, "documents": 1} in rows["items"]
    assert client.get("/api/narratives/by-outlet", params={"level": "fine"}).json()["total"] == 0
    assert client.get("/api/narratives/by-outlet", params={"level": "x"}).status_code == 422
    assert client.get("/api/failures").json() == {"items": [], "limit": 50, "offset": 0, "total": 0}


def test_api_overview_cache_follows_new_data(client: TestClient, store: Store) -> None:
    assert client.get("/api/overview").json()["counts"]["documents"] == 3
    store.delete_document("d1")  # a write that bypasses the API
    assert client.get("/api/overview").json()["counts"]["documents"] == 2


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_api_exports_every_format(client: TestClient, fmt: str, tmp_path: Path) -> None:
    r = client.get("/api/exports/quotes", params={"format": fmt})
    assert r.status_code == 200
    assert f'filename="quotes.{fmt}"' in r.headers["content-disposition"]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(r.text)))
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in r.text.splitlines()]
    else:
        (tmp_path / "q.parquet").write_bytes(r.content)
        rows = pq.read_table(tmp_path / "q.parquet").to_pylist()
    assert len(rows) == 3
    assert {row["doc_id"] for row in rows} == {"d1", "d2", "d3"}


def test_api_exports_names_come_from_a_fixed_list(client: TestClient) -> None:
    assert "quotes" in client.get("/api/exports").json()["tables"]
    for bad in ("../../etc/passwd", "documents;DROP TABLE documents", "nope"):
        r = client.get(f"/api/exports/{bad}")
        assert r.status_code in (404, 422)
        assert r.json()["ok"] is False
    assert client.get("/api/exports/quotes", params={"format": "xlsx"}).status_code == 422
