"""REST API: ingest of uploaded files and JSON articles as background jobs."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from narrascope.api import create_app
from narrascope.config import Settings
from narrascope.store import Store, open_store

ARTICLE = (
    "Port authority extends night shifts\n\n"
    "The port authority of Velmora said on Friday that night shifts would be extended until "
    "the end of the month. Dock workers' union leader Anja Korhonen welcomed the decision, "
    "saying the queue of container ships had grown to forty vessels. The authority expects "
    "the backlog to clear by mid-June, a spokesperson added."
)
HTML = (
    "<html><head><title>Ferry strike ends</title></head><body><nav>Home | News</nav>"
    "<article><h1>Ferry strike ends</h1><p>The ferry crews of the northern islands ended "
    "their strike on Sunday after the operator agreed to hire twenty more deckhands, the "
    "crews' union said. Services resume on Monday morning with the usual timetable.</p>"
    "<p>Travellers had waited for three days at the harbour terminals.</p></article>"
    "<footer>Cookie settings</footer></body></html>"
)


@pytest.fixture
def store() -> Iterator[Store]:
    s = open_store(":memory:")
    yield s
    s.close()


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    settings = Settings(db=":memory:", stages=(), connect=False, max_bytes=20_000)
    app = create_app(settings, store)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        c.app_state = app.state  # type: ignore[attr-defined]
        yield c


def _finished(client: TestClient, job: dict[str, object]) -> dict[str, object]:
    client.app_state.jobs.wait(timeout=120)  # type: ignore[attr-defined]
    body: dict[str, object] = client.get(f"/api/jobs/{job['id']}").json()
    return body


def test_api_ingest_json_articles_job(client: TestClient, store: Store) -> None:
    r = client.post(
        "/api/ingest/articles",
        json={
            "articles": [
                {
                    "content": ARTICLE,
                    "outlet": "Harbour Gazette",
                    "published": "2024-06-07",
                    "title": "Port authority extends night shifts",
                },
                {"content": HTML, "fmt": "html", "outlet": "Island Courier"},
            ]
        },
    )
    assert r.status_code == 202
    assert r.json()["status"] in ("queued", "running", "done")
    job = _finished(client, r.json())
    assert job["status"] == "done", job
    assert job["added"] == 2
    assert len(job["documents"]) == 2
    doc = store.get_document(job["documents"][0])  # type: ignore[index]
    assert doc.outlet == "Harbour Gazette"
    assert "forty vessels" in doc.text
    html_doc = store.get_document(job["documents"][1])  # type: ignore[index]
    assert "twenty more deckhands" in html_doc.text
    assert "<p>" not in html_doc.text


def test_api_ingest_uploaded_files_job(client: TestClient, store: Store) -> None:
    jsonl = json.dumps({"text": ARTICLE.replace("Velmora", "Ostrava"), "outlet": "Wire"})
    files = [
        ("files", ("story.txt", ARTICLE.encode(), "text/plain")),
        ("files", ("page.html", HTML.encode(), "text/html")),
        ("files", ("feed.jsonl", jsonl.encode(), "application/json")),
    ]
    r = client.post("/api/ingest/files", files=files)
    assert r.status_code == 202
    job = _finished(client, r.json())
    assert job["status"] == "done", job
    assert job["added"] == 3
    assert store.count_documents() == 3
    again = _finished(client, client.post("/api/ingest/files", files=files[:1]).json())
    assert again["added"] == 0
    assert store.count_documents() == 3


def test_api_ingest_bad_file_is_a_failure_not_a_crash(client: TestClient, store: Store) -> None:
    files = [
        ("files", ("bad.jsonl", b'{"text": "unterminated', "application/json")),
        ("files", ("good.txt", ARTICLE.encode(), "text/plain")),
    ]
    job = _finished(client, client.post("/api/ingest/files", files=files).json())
    assert job["status"] == "done"
    assert job["added"] == 1
    failures = job["failures"]
    assert [f["source"] for f in failures] == ["bad.jsonl"]  # type: ignore[union-attr]
    only_bad = _finished(client, client.post("/api/ingest/files", files=files[:1]).json())
    assert only_bad["status"] == "failed"
    assert "no usable article" in str(only_bad["error"])


def test_api_ingest_rejects_oversized_uploads(client: TestClient) -> None:
    r = client.post("/api/ingest/files", files={"files": ("big.txt", b"x" * 20_001)})
    assert r.status_code == 413
    assert r.json()["error"].startswith("big.txt: larger than")


def test_api_ingest_validates_json_articles(client: TestClient) -> None:
    assert client.post("/api/ingest/articles", json={"articles": []}).status_code == 422
    r = client.post("/api/ingest/articles", json={"articles": [{"content": "x", "fmt": "pdf"}]})
    assert r.status_code == 422
    assert "fmt" in r.json()["error"]


def test_api_ingest_unknown_job_is_404(client: TestClient) -> None:
    r = client.get("/api/jobs/0123456789abcdef")
    assert r.status_code == 404
    assert r.json()["ok"] is False


def test_api_ingest_web_form_redirects_to_job_page(client: TestClient) -> None:
    r = client.post(
        "/upload", files={"files": ("story.txt", ARTICLE.encode())}, follow_redirects=False
    )
    assert r.status_code == 303
    assert r.headers["location"].startswith("/jobs/")
    client.app_state.jobs.wait(timeout=120)  # type: ignore[attr-defined]
    page = client.get(r.headers["location"])
    assert page.status_code == 200
    assert "done" in page.text


def test_api_ingest_identical_uploads_are_reported_as_duplicates(
    client: TestClient, store: Store
) -> None:
    files = [
        ("files", ("first.txt", ARTICLE.encode(), "text/plain")),
        ("files", ("second.txt", ARTICLE.encode(), "text/plain")),
    ]
    job = _finished(client, client.post("/api/ingest/files", files=files).json())
    assert job["status"] == "done", job
    assert job["added"] == 1
    assert store.count_documents() == 1
    (failure,) = job["failures"]  # type: ignore[misc]
    assert failure["stage"] == "duplicate"
    assert failure["source"].endswith("second.txt")
    assert "first.txt" in failure["reason"]
