"""The header's language switcher and account links stay on one line at every width (issue 9, item 8).

Before, a <select> was 100% wide like every form field, so the switcher and its "Switch" button
wrapped under the title on separate lines. JavaScript is off: the header must work without it.
"""

import pytest
from playwright.sync_api import Browser

from northern_connections.core.testing import create_user


def _rows(page, selector: str) -> tuple[int, float]:
    """How many visual lines the elements of `selector` sit on (by their vertical centres), and their right edge."""
    boxes = page.eval_on_selector_all(selector, "els => els.map(e => { const r = e.getBoundingClientRect();"
                                                "return [r.top + r.height / 2, r.right]; })")
    return len({round(centre / 8) for centre, _right in boxes}), max(right for _centre, right in boxes)


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("signed_in", [False, True])
def test_switcher_and_account_links_sit_in_one_row(browser: Browser, live_server, language, signed_in):
    context = browser.new_context(java_script_enabled=False)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    if signed_in:
        create_user(f"header-{language}@bergen-kommune.example.no", full_name="Ingrid Haugland-Johansen",
                    password="header-password-123")
        page.goto(live_server.url + "/accounts/login/")
        page.fill("input[name=login]", f"header-{language}@bergen-kommune.example.no")
        page.fill("input[name=password]", "header-password-123")
        page.click("main button[type=submit]")
    for width in (360, 768, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(live_server.url + "/challenges/")
        rows, right = _rows(page, ".header-tools > *, .lang-switch select, .lang-switch button")
        assert rows == 1, f"{width}px: the switcher and account links span {rows} lines"
        assert right <= width, f"{width}px: the header tools overflow the page ({right:.0f}px)"
        assert page.locator(".header-tools").get_by_text(
            "Ingrid" if signed_in else ("Anmelden" if language == "de" else "Log in")).count() == 1
    context.close()


def test_keyboard_reaches_the_header_in_visual_order_with_a_visible_focus(browser: Browser, live_server):
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + "/challenges/")
    reached = []
    for _ in range(7):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => { const e = document.activeElement;"
                                     "return [e.id || e.textContent.trim(), getComputedStyle(e).outlineStyle]; }"))
    assert [name for name, _outline in reached] == [
        "Skip to main content", "Northern Connections", "language-select", "Switch", "Log in", "Register",
        "Organisations",
    ]
    assert all(outline == "solid" for _name, outline in reached)
