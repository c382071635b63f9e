"""The API documentation page passes axe-core (it had no page language)."""

from playwright.sync_api import Page

from .conftest import axe_serious


def test_api_docs_have_no_serious_accessibility_violations(page: Page, live_server):
    # Swagger UI's files come from a CDN: tests never reach the network, so only this server answers.
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(live_server.url)
               else route.abort())
    page.goto(live_server.url + "/api/docs/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert axe_serious(page) == []
