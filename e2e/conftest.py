"""Browser journeys: Playwright driving Debian's Chromium against Django's live server.

No browser is ever downloaded: the system Chromium is used. Without it the journeys are
skipped locally, but CI sets NC_REQUIRE_BROWSER=1 and then a missing browser is a failure.
"""

import io
import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("NC_CHROMIUM", "/usr/bin/chromium"))


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
    if not CHROMIUM.exists():
        if os.environ.get("NC_REQUIRE_BROWSER"):
            raise pytest.UsageError(f"{CHROMIUM} is missing: install Debian's chromium package")
        skip = pytest.mark.skip(reason=f"{CHROMIUM} not installed")
        for item in items:
            if "e2e" in str(item.fspath):
                item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_inside_playwright():
    """Playwright's sync API runs an event loop; the tests' own ORM calls are still synchronous.

    Set when the first journey starts (session-scoped, before the live server) and removed
    afterwards, so it does not leak into the rest of the suite.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"],
    }


@pytest.fixture
def demo_world(transactional_db):
    from django.core.management import call_command

    call_command("load_reference_data", stdout=io.StringIO(), stderr=io.StringIO())
    call_command("load_demo_data", stdout=io.StringIO())


def axe_serious(page) -> list[str]:
    """axe-core (shipped inside axe-playwright-python) violations of impact serious or critical."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
