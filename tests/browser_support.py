"""Browser tests' helpers: Debian's Chromium driven by Playwright (sync API), one fresh
browser context per person, and screenshots under tests/artifacts/screenshots/.

Every page a test opens is watched: a script error, a failed console call or a
request to any address but the test server fails the test, since the pages
must work with nothing from outside (court networks have no internet).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from support import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).parent / "artifacts" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium per test module: Playwright's sync API runs an event loop in this
    thread while it is open, so it is closed before the next module's own asyncio runs."""
    if not CHROMIUM.exists():
        pytest.skip("no Chromium at /usr/bin/chromium (scripts/test.sh installs it with apt-get)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield launched
        launched.close()


@dataclass
class Person:
    """One browser context: a person with their own localStorage, cookies and tab."""

    page: Any
    problems: list[str] = field(default_factory=list)

    def open(self, server: LiveServer, path: str) -> Any:
        self.page.goto(server.url + path)
        return self.page

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def overflow(self) -> int:
        """How many pixels the page is wider than its viewport (0 when nothing spills)."""
        return int(
            self.page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
        )


OpenPerson = Callable[..., Person]


@pytest.fixture
def person(browser: Any, server: LiveServer) -> Iterator[OpenPerson]:
    """Makes people: ``person(token=..., court_token=..., viewport="phone")``."""
    made: list[tuple[Any, Person]] = []

    def make(
        token: str | None = None,
        court_token: str | None = None,
        viewport: str = "desktop",
    ) -> Person:
        context = browser.new_context(viewport=VIEWPORTS[viewport], locale="zh-CN")
        context.set_default_timeout(5000)
        stored = {"fapai.token": token, "fapai.court_token": court_token}
        stored = {key: value for key, value in stored.items() if value}
        if stored:
            context.add_init_script(
                f"for (const [k, v] of Object.entries({json.dumps(stored)}))"
                " if (!localStorage.getItem(k)) localStorage.setItem(k, v);"
            )
        page = context.new_page()
        someone = Person(page)
        page.on("pageerror", lambda error: someone.problems.append(f"script error: {error}"))
        page.on(
            "console",
            lambda message: (
                someone.problems.append(f"console: {message.text}")
                if message.type == "error" and "status of 4" not in message.text
                else None
            ),
        )
        page.on(
            "request",
            lambda request: (
                None
                if request.url.startswith((server.url, "data:", f"blob:{server.url}/"))
                else someone.problems.append(f"outside request: {request.url}")
            ),
        )
        made.append((context, someone))
        return someone

    yield make
    problems = [problem for _, someone in made for problem in someone.problems]
    for context, _ in made:
        context.close()
    assert not problems, problems
