"""A person downloads their data and deletes their account (issue 19), in English and German; axe-core checked."""

import json
import os

import pytest
from playwright.sync_api import Browser, expect

from northern_connections.core.testing import create_user

from .conftest import axe_serious

TEXTS = {"en": ("Your data", "Delete my account", "The password is not correct.", "Your account was deleted."),
         "de": ("Ihre Daten", "Mein Konto löschen", "Das Passwort ist nicht korrekt.", "Ihr Konto wurde gelöscht.")}


def _shot(page, name: str) -> None:
    # Screenshots for a person to look at, only when asked for (NC_SCREENSHOT_DIR); tests never need them.
    if os.environ.get("NC_SCREENSHOT_DIR"):
        page.screenshot(path=os.path.join(os.environ["NC_SCREENSHOT_DIR"], f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["en", "de"])
def test_download_my_data_then_delete_my_account(browser: Browser, live_server, language):
    your_data, delete, wrong, deleted = TEXTS[language]
    email = f"leaving-{language}@example.org"
    create_user(email, full_name="Astrid Leaving", password="leaving-password-123", preferred_language=language)
    context = browser.new_context(accept_downloads=True)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", "leaving-password-123")
    page.click("main button[type=submit]")
    page.goto(live_server.url + "/account/profile/")
    page.get_by_role("link", name=your_data).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(your_data)
    assert axe_serious(page) == []
    _shot(page, f"privacy-{language}")

    with page.expect_download() as download:
        page.locator("main a[download]").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["sections"]["accounts"]["profile"]["email"] == email

    page.fill("input[name=password]", "not-my-password")
    page.get_by_role("button", name=delete).click()
    expect(page.locator("main")).to_contain_text(wrong)
    _shot(page, f"privacy-refused-{language}")
    page.fill("input[name=password]", "leaving-password-123")
    page.get_by_role("button", name=delete).click()
    expect(page.locator("main")).to_contain_text(deleted)
    _shot(page, f"privacy-deleted-{language}")
    page.goto(live_server.url + "/account/profile/")
    assert "/accounts/login/" in page.url
