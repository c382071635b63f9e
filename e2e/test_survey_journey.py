"""An officer builds a survey from a template, sends it to the municipalities; two officers answer (one with
the keyboard only); the officer filters the results by country and exports them to Excel and PDF."""

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import axe_serious

PASSWORD = "blue-harbour-turbine-42"


def _user(email, organisation):
    from allauth.account.models import EmailAddress

    from northern_connections.accounts.models import Membership, User

    user = User.objects.create_user(email=email, password=PASSWORD, full_name=email.split("@")[0].title())
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    Membership.objects.create(user=user, organisation=organisation, role="admin")
    return user


@pytest.fixture
def region_and_municipalities(transactional_db, settings):
    from northern_connections.directory.models import Organisation

    settings.ACCOUNT_RATE_LIMITS = False
    settings.CELERY_TASK_ALWAYS_EAGER = True
    owner = Organisation.objects.create(slug="region-midtjylland", name="Region Midtjylland", country="DK",
                                        kind="regional_authority", verification_status="verified")
    _user("officer@example.org", owner)
    aarhus = Organisation.objects.create(slug="aarhus-kommune", name="Aarhus Kommune", kind="municipality",
                                         country="DK")
    goteborg = Organisation.objects.create(slug="goteborgs-stad", name="Göteborgs Stad", kind="municipality",
                                           country="SE")
    return {"aarhus": _user("aarhus@example.org", aarhus), "goteborg": _user("goteborg@example.org", goteborg)}


def _login(page: Page, base: str, email: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def _tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches `selector` (keyboard only: no clicks)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _builds_and_sends(page: Page, base: str) -> str:
    _login(page, base, "officer@example.org")
    page.goto(f"{base}/surveys/")
    page.get_by_role("link", name="New survey").click()
    page.get_by_label("Owner").select_option(label="Region Midtjylland")
    page.get_by_label("Start from a template").select_option(label="Event feedback")
    page.get_by_label("Danish").check()
    page.get_by_label("Anonymous responses").uncheck()  # named: two answers are enough to filter
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Event feedback")).to_be_visible()
    expect(page.get_by_text("How satisfied were you with the event overall?")).to_be_visible()
    page.get_by_role("link", name="Add to the audience").click()
    page.get_by_label("Kind of organisation").select_option(label="Municipality / city")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("2 people in the audience.")).to_be_visible()
    page.get_by_role("button", name="Open for answers").click()
    expect(page.get_by_text("The survey's status was changed.")).to_be_visible()
    page.get_by_role("button", name="Send invitations").click()
    expect(page.get_by_text("2 people were invited")).to_be_visible()
    return page.url


def _links(mailoutbox) -> dict[str, str]:
    return {message.to[0]: re.search(r"(/surveys/invitation/[^\s/]+/)", message.body).group(1)
            for message in mailoutbox}


def test_build_send_answer_filter_and_export(page: Page, live_server, region_and_municipalities, mailoutbox):
    from northern_connections.surveys.models import Response

    base = live_server.url
    survey_url = _builds_and_sends(page, base)
    links = _links(mailoutbox)
    assert set(links) == {"aarhus@example.org", "goteborg@example.org"}

    # The Aarhus officer answers with the mouse, without logging in: the invitation link is enough
    page.context.clear_cookies()
    page.goto(base + links["aarhus@example.org"])
    page.get_by_role("button", name="Start").click()
    page.get_by_role("group", name="How satisfied were you with the event overall?").get_by_label("4").check()
    page.get_by_role("checkbox", name="B2B meetings").check()
    assert axe_serious(page) == []
    page.get_by_role("button", name="Submit your answers").click()
    expect(page.get_by_text("Your answers were submitted.")).to_be_visible()

    # The Göteborg officer answers with the keyboard only
    page.context.clear_cookies()
    page.goto(base + links["goteborg@example.org"])
    _tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Submit your answers")).to_be_visible()
    _tab_to(page, "input[name=overall]")
    for _ in range(4):
        page.keyboard.press("ArrowRight")  # a radio group: the arrows move and choose, 1 → 5
    _tab_to(page, "input[name=useful][value=sessions]")
    page.keyboard.press("Space")
    _tab_to(page, "button[value=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your answers were submitted.")).to_be_visible()
    answers = sorted(r.answers["overall"] for r in Response.objects.filter(submitted=True))
    assert answers == [4, 5]

    # The officer reads the results, filters them to Denmark and exports them
    _login(page, base, "officer@example.org")
    page.goto(survey_url)
    page.get_by_role("link", name="Results", exact=True).click()
    expect(page.get_by_text("2 submitted responses")).to_be_visible()
    assert axe_serious(page) == []
    page.get_by_label("Country").select_option(label="Denmark")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("1 submitted response")).to_be_visible()
    with page.expect_download() as excel:
        page.get_by_role("link", name="Export to Excel").click()
    assert excel.value.suggested_filename.endswith("-results.xlsx")
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Export to PDF").click()
    assert pdf.value.suggested_filename.endswith("-results.pdf")
