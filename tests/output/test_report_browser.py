"""`factcheck report` opened in a real browser: Chromium from the system's packages,
driven by Playwright. `.ci/run` installs Chromium when it is missing; where it is
missing all the same, these tests are skipped and say so.

`FACTCHECK_SCREENSHOT=docs/report.png python -m pytest tests/output/test_report_browser.py -k screenshot`
rewrites the README's screenshot.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CLAIMS, ROOT, line_of
from tests.output.conftest import spanned_claims
from tests.output.test_report_html import HOSTILE, hostile_yaml

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK),
    reason="Chromium is not installed (apt-get install chromium; .ci/run installs it)",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Opened:
    """A page of the report with everything it tried: console errors, requests, dialogs."""

    def __init__(self, browser: Any, path: Path, **context: Any) -> None:
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def panel(self) -> str:
        self.page.wait_for_selector("#panel:not([hidden])")
        return str(self.page.inner_text("#panel"))


@pytest.fixture
def opened(browser: Any) -> Iterator[Any]:
    pages: list[Opened] = []

    def _open(path: Path, **context: Any) -> Opened:
        pages.append(Opened(browser, path, **context))
        return pages[-1]

    yield _open
    for page in pages:
        page.context.close()


def set_value(project: Path, ident: str, value: int) -> None:
    """Change one claim's recorded value in the claim file."""
    path = project / CLAIMS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  - id: {ident}\n")
    at = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("    value: "))
    lines[at] = f"    value: {value}\n"
    path.write_text("".join(lines), encoding="utf-8")


def test_shipped_report_shows_every_claim(shipped, run, opened) -> None:
    """Every article of the project: one highlight per spanned claim, nothing fetched, no error."""
    result = run("report", "-o", "site")
    assert result.code == 0
    summary = run("verify", "--format", "text").out.splitlines()[-1]
    index = opened(Path("site") / "index.html")
    pages = index.page.eval_on_selector_all("main.index table a", "as => as.map(a => a.getAttribute('href'))")
    expected = spanned_claims(shipped)
    assert len(pages) == len(expected) >= 2
    highlights = {}
    for name in pages:
        page = opened(Path("site") / name)
        claim_file = page.page.inner_text("header .muted").removeprefix("claims: claims/")
        highlights[claim_file] = page.page.locator("mark.fc.head").count()
        assert page.errors == [] and page.requests == [page.url]  # nothing fetched from anywhere
        assert page.page.inner_text("#summary") == summary
    assert highlights == expected
    assert index.errors == [] and index.requests == [index.url]


def test_failing_claim_opens_its_arithmetic(project, run, opened) -> None:
    set_value(project, "one_cert_items", 200)
    run("report")
    check = next(c for c in json.loads(run("verify", "--format", "json").out)["checks"]
                 if c["id"] == "online_covers_one_cert")
    page = opened(Path("report.html"))
    page.page.click('mark[aria-label="quantity one_cert_items: fail"]')
    panel = page.panel()
    assert page.page.inner_text("#panel-title") == "fail one_cert_items"
    assert "online_covers_one_cert" in panel
    for step in check["steps"]:  # the check's arithmetic, line by line, as verify computes it
        assert step in panel
    assert "189 > 200: no value satisfies it -> fail" in panel
    assert f"{CLAIMS}:{line_of(project / CLAIMS, '- id: one_cert_items')}:5" in panel
    page.page.keyboard.press("Escape")
    # The finding beside the article leads back to the claim and opens it.
    page.page.click("#findings a:has-text('(value-matches-text)')")
    assert page.page.inner_text("#panel-title") == "fail one_cert_items"
    assert page.page.evaluate("document.activeElement.getAttribute('aria-label')") == "quantity one_cert_items: fail"
    assert page.errors == []


def test_keyboard_walks_the_findings(project, run, opened) -> None:
    set_value(project, "one_cert_items", 200)
    set_value(project, "service_points", 100000)
    run("report")
    page = opened(Path("report.html"))
    failing = page.page.eval_on_selector_all("mark.fc.head:not(.s-pass)", "ms => ms.map(m => m.id)")
    assert len(failing) >= 2
    seen = []
    for key in ("n", "n", "p"):
        page.page.keyboard.press(key)
        seen.append(page.page.evaluate("document.activeElement.id"))
    assert seen == [failing[0], failing[1], failing[0]]
    assert "one_cert_items" in page.panel()
    page.page.keyboard.press("Escape")
    assert page.page.is_hidden("#panel")


def test_markup_in_article_and_claims_stays_text(mini, run, opened) -> None:
    mini(HOSTILE.encode(), hostile_yaml())
    run("report")
    page = opened(Path("report.html"))
    assert page.page.text_content("#article") == HOSTILE
    for mark in page.page.query_selector_all("mark.fc.head"):
        mark.click()
        page.panel()
    page.page.click('mark[aria-label="quantity parks_total: pass"]')
    assert '"><img src=x onerror=alert(1)>' in page.panel()
    page.page.click("#panel button.also")  # parks_total lies inside the sentence: open that
    assert page.page.inner_text("#panel-title") == "pass parks_sentence"
    assert "</script><script>alert(2)</script>" in page.panel()
    page.page.wait_for_timeout(200)
    assert page.dialogs == []
    assert page.page.locator("img").count() == 0 and page.page.locator("script").count() == 2
    assert page.errors == [] and page.requests == [page.url]


def test_phone_dark_and_print(project, run, opened) -> None:
    run("report")
    phone = opened(Path("report.html"), viewport={"width": 360, "height": 740}, color_scheme="dark")
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    background = phone.page.evaluate("getComputedStyle(document.body).backgroundColor")
    light = opened(Path("report.html"), color_scheme="light")
    assert background != light.page.evaluate("getComputedStyle(document.body).backgroundColor")
    light.page.emulate_media(media="print")
    assert light.page.is_hidden(".findnav")
    assert light.page.locator("mark.fc.head").first.is_visible()


def test_screenshot(project, run, opened, tmp_path) -> None:
    """The README's picture: an edited copy, with the panel of a failing claim open."""
    set_value(project, "online_items", 120)
    run("report")
    page = opened(Path("report.html"), viewport={"width": 1280, "height": 860})
    page.page.click('mark[aria-label="quantity online_items: fail"]')
    page.panel()
    page.page.evaluate("window.scrollTo(0, 0)")
    target = tmp_path / "report.png"
    page.page.screenshot(path=str(target))
    assert target.read_bytes().startswith(b"\x89PNG")
    if os.environ.get("FACTCHECK_SCREENSHOT"):
        shutil.copy(target, ROOT / os.environ["FACTCHECK_SCREENSHOT"])
