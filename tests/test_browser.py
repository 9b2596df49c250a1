"""The web UI in a real headless Chromium (Debian chromium + chromedriver, Selenium).

The server runs uvicorn in a thread on a free loopback port, over a store
filled from the seed articles by the real pipeline. Screenshots go to
``docs/screenshots/``.
"""

from __future__ import annotations

import json
import shutil
import socket
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from narrascope.api import create_app
from narrascope.config import Settings
from narrascope.store import Store, open_store

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SEEDS = Path(__file__).resolve().parent / "data" / "seeds"  # in the repository
SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip(
        "needs Debian's chromium and chromium-driver (/usr/bin/chromium)", allow_module_level=True
    )

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

PAYLOAD = "<script>window.__pwned=1;document.title='pwned';alert(1)</script>"
HANDLER = "<img src=x onerror=\"window.__pwned=2;document.title='pwned';alert(2)\">"
TEXT_ARTICLE = (
    f"Harbour pilots vote to strike {PAYLOAD}\n\n"
    "The harbour pilots' association of Brennick voted on Thursday to strike from 3 June, "
    f'its chairman Oskar Lindqvist said. "We have waited two years for a contract," {HANDLER} '
    "Lindqvist told the Harbour Gazette. The port authority said it regretted the vote and "
    f"would keep talking to the pilots. {PAYLOAD} Shipping agents expect delays of two days."
)
HTML_ARTICLE = (
    "<html><head><title>Ferry fares rise</title><script>window.__pwned=3</script></head><body>"
    "<nav>Home | Ports | Subscribe</nav><article><h1>Ferry fares rise again</h1>"
    "<p>The island ferry operator raised fares by eight percent on Monday, the third rise "
    "this year, the transport ministry of Kaldera said. &lt;script&gt;window.__pwned=4"
    "&lt;/script&gt; Passenger groups called the increase unfair.</p>"
    f'<p>"Families cannot pay more," said Marta Oyelaran of the travellers\' league. {HANDLER}'
    '</p><p onmouseover="window.__pwned=5">The operator blamed fuel costs and promised '
    'new vessels by 2026.</p><img src=x onerror="window.__pwned=6"></article>'
    "<footer>Cookie settings</footer></body></html>"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _settings(db: str) -> Settings:
    from narrascope.pipeline import registered_stages

    stages = tuple(name for name in Settings().stages if name in registered_stages())
    return Settings(db=db, stages=stages)


def _fill_from_seeds(store: Store, settings: Settings) -> None:
    from narrascope.analysis import analyse_stored, connect_stored, ingest_paths

    report = ingest_paths([SEEDS], store, settings)
    assert report.added == 5, report.failures
    analyse_stored(store, settings)
    connect_stored(store, settings)


@dataclass
class Server:
    url: str
    store: Store

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        req = urllib.request.Request(
            self.url + path,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=30) as response:
            return json.loads(response.read())  # type: ignore[no-any-return]

    def get(self, path: str) -> dict[str, Any]:
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return json.loads(response.read())  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    import uvicorn

    folder = Path(tempfile.mkdtemp(prefix="narrascope-browser-"))
    settings = _settings(str(folder / "seeds.db"))
    store = open_store(settings.db)
    _fill_from_seeds(store, settings)
    port = _free_port()
    app = create_app(settings, store)
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uv.started, "uvicorn did not start"
    yield Server(f"http://127.0.0.1:{port}", store)
    uv.should_exit = True
    thread.join(10)
    store.close()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="narrascope-chromium-")
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _open(browser: webdriver.Chrome, url: str) -> None:
    browser.get(url)
    _assert_nothing_ran(browser)


def _assert_nothing_ran(browser: webdriver.Chrome) -> None:
    try:
        alert = browser.switch_to.alert
    except NoAlertPresentException:
        alert = None
    assert alert is None, f"an alert opened: {alert.text if alert else ''}"
    assert browser.execute_script("return window.__pwned === undefined") is True
    assert browser.title != "pwned"


def _shoot(browser: webdriver.Chrome, name: str, max_height: int = 1800) -> Path:
    height = int(browser.execute_script("return document.documentElement.scrollHeight"))
    browser.set_window_size(1280, min(max(height, 700), max_height))
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    browser.save_screenshot(str(path))
    browser.set_window_size(1280, 1000)
    assert path.stat().st_size > 10_000
    return path


def _richest_document(store: Store) -> str:
    docs = list(store.iter_documents())
    best = max(docs, key=lambda d: len(d.quotes) + len(d.entities) + len(d.events))
    return best.id


def test_browser_overview(server: Server, browser: webdriver.Chrome) -> None:
    _open(browser, server.url + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Corpus overview"
    counts = browser.find_element(By.CSS_SELECTOR, ".counts").text
    assert "5\ndocuments" in counts
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart")
    _shoot(browser, "overview")


def test_browser_article_highlights(server: Server, browser: webdriver.Chrome) -> None:
    doc_id = _richest_document(server.store)
    _open(browser, f"{server.url}/documents/{doc_id}")
    marks = browser.find_elements(By.CSS_SELECTOR, "#doc-text .hl")
    assert marks, "no highlighted finding"
    layers = {c for m in marks for c in (m.get_attribute("class") or "").split()}
    assert {"hl-entity", "hl-quote"} <= layers
    assert all(m.get_attribute("title") for m in marks)  # explained on hover
    entity = browser.find_element(By.CSS_SELECTOR, "#doc-text .hl-entity")
    before = entity.value_of_css_property("background-color")
    browser.find_element(By.CSS_SELECTOR, "input[data-layer=entity]").click()
    after = entity.value_of_css_property("background-color")
    assert before != after
    assert after in ("rgba(0, 0, 0, 0)", "transparent")
    browser.find_element(By.CSS_SELECTOR, "input[data-layer=entity]").click()
    _shoot(browser, "article")
    browser.find_element(By.CSS_SELECTOR, "#chrome summary").click()
    assert browser.find_element(By.CSS_SELECTOR, "#chrome ol").is_displayed()


def test_browser_story_comparison(server: Server, browser: webdriver.Chrome) -> None:
    stories = server.get("/api/stories")["items"]
    assert stories, "the seeds make at least one story"
    _open(browser, f"{server.url}/stories/{stories[0]['id']}")
    assert browser.find_elements(By.CSS_SELECTOR, ".sidebyside .outlet")
    headings = [h.text for h in browser.find_elements(By.TAG_NAME, "h2")]
    for title in (
        "Outlets side by side",
        "Claims × outlets",
        "Quotes by speaker × outlet",
        "Contradictions",
        "Timeline",
    ):
        assert title in headings
    _shoot(browser, "story", max_height=2400)


def test_browser_timeline(server: Server, browser: webdriver.Chrome) -> None:
    _open(browser, server.url + "/timeline")
    dots = browser.find_elements(By.CSS_SELECTOR, "svg.timeline circle")
    assert dots
    assert len(browser.find_elements(By.CSS_SELECTOR, "#events tr")) > 1
    _shoot(browser, "timeline")


def test_browser_hostile_articles_never_execute(server: Server, browser: webdriver.Chrome) -> None:
    job = server.post(
        "/api/ingest/articles",
        {
            "articles": [
                {
                    "content": TEXT_ARTICLE,
                    "outlet": "Harbour Gazette " + HANDLER,
                    "title": "Pilots strike " + PAYLOAD,
                    "url": "javascript:alert(3)",
                },
                {"content": HTML_ARTICLE, "fmt": "html", "outlet": "Island Courier"},
            ]
        },
    )
    deadline = time.monotonic() + 300
    while job["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.5)
        job = server.get(f"/api/jobs/{job['id']}")
    assert job["status"] == "done", job
    assert len(job["documents"]) == 2
    seen_text = ""
    for doc_id in job["documents"]:
        _open(browser, f"{server.url}/documents/{doc_id}")
        browser.find_element(By.CSS_SELECTOR, "#raw summary").click()
        browser.find_element(By.CSS_SELECTOR, "#chrome summary").click()
        for mark in browser.find_elements(By.CSS_SELECTOR, ".hl")[:20]:
            browser.execute_script(
                "arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))", mark
            )
        _assert_nothing_ran(browser)
        seen_text += browser.find_element(By.TAG_NAME, "body").text
        assert not browser.find_elements(By.CSS_SELECTOR, "article img, #doc-text script")
    assert "<script>window.__pwned=1" in seen_text  # shown as text, not run
    assert "window.__pwned=4" in seen_text
    for url in ("/", "/documents", "/search?q=pilots", "/search?q=fares", "/timeline"):
        _open(browser, server.url + url)
    _open(
        browser,
        server.url + "/documents?outlet=" + urllib.request.quote("Harbour Gazette " + HANDLER),
    )
    assert "Pilots strike" in browser.find_element(By.TAG_NAME, "body").text
