"""Register → verify e-mail → join an organisation → edit its profile → see it on the map and in the list."""

import re

from django.core import mail
from playwright.sync_api import Page, expect

from .conftest import axe_serious


def test_register_verify_join_edit_and_find(page: Page, live_server, demo_world, settings):
    settings.ACCOUNT_RATE_LIMITS = False
    base = live_server.url

    # Given a new visitor registers
    page.goto(f"{base}/accounts/signup/")
    page.get_by_label("Email").fill("ingrid@vindkraft.example")
    page.get_by_label("Full name").fill("Ingrid Demo")
    page.get_by_label("Preferred language").select_option("en")
    page.get_by_label("Password:", exact=True).fill("blue-harbour-turbine-42")
    page.get_by_label("Password (again):").fill("blue-harbour-turbine-42")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    # When they open the link of the verification e-mail
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(base + link[link.index("/accounts/") :])
    page.get_by_role("button", name="Confirm").click()

    # And join the platform with their organisation (they become its administrator)
    page.goto(f"{base}/directory/organisations/new/")
    page.get_by_label("Legal name").fill("Vindkraft Nord AS")
    page.get_by_label("Kind").select_option("sme")
    page.get_by_label("Country").select_option("NO")
    page.get_by_label("City").fill("Stavanger")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Vindkraft Nord AS")).to_be_visible()

    # And edit its profile: region, value chain, TRL and a Norwegian description
    page.get_by_role("link", name="Edit profile").click()
    page.get_by_label("NUTS region").select_option(label="NO0A1 Rogaland")
    page.get_by_label("Offshore wind").check()
    page.get_by_label("TRL of the main offering").select_option("7")
    page.get_by_label("Description", exact=True).fill(
        "Vi utvikler flytende havvindturbiner og vedlikehold av vindparker."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    expect(page.get_by_text("TRL 7")).to_be_visible()

    # Then it is on the map in Rogaland's region
    page.goto(f"{base}/directory/organisations/map/?q=havvindturbin")
    expect(page.get_by_role("cell", name="Vestlandet")).to_be_visible()

    # And in the filtered list, found by an inflected Norwegian word
    page.goto(f"{base}/directory/organisations/?country=NO&value_chain=offshore-wind&q=havvindturbiner")
    expect(page.get_by_role("link", name="Vindkraft Nord AS")).to_be_visible()
    assert page.locator("#results").get_by_text("1 result").is_visible()


def test_main_pages_have_no_serious_accessibility_violations(page: Page, live_server, demo_world):
    for path in [
        "/",
        "/directory/organisations/",
        "/directory/organisations/goteborgs-stad/",
        "/directory/organisations/map/",
    ]:
        page.goto(live_server.url + path)
        assert axe_serious(page) == [], path
