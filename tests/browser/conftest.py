"""Browser tests: a real headless Chromium, driven over the DevTools protocol (see cdp.py).

Skipped, with the reason, only when no Chromium is installed (Debian: `apt-get install chromium`; or
point CSR_CHROMIUM at a Chrome/Chromium binary). Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from pytest_csrbench.models.litellm_model import import_litellm
from tests.browser.cdp import Browser, Page, find_chromium

# A test here runs litellm in-process (pytester inline run against the loopback server). litellm installs
# import hooks; pytester unloads modules first imported inside a test, which would leave them dangling and
# break later runs. Imported once here, at collection, it stays (as in tests/integration/conftest.py).
import_litellm()

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    path = find_chromium()
    if path is None:
        pytest.skip("no Chromium found (looked for /usr/bin/chromium and $CSR_CHROMIUM): the HTML report's browser "
                    "tests need a real browser; install Debian's chromium to run them")
    with Browser(path) as b:
        yield b


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    p = browser.new_page()
    yield p
    p.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
