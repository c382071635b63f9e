"""An SME opens its recommendations, reads why a foreign challenge matched, saves the search, and a new
matching challenge published later produces exactly one digest e-mail."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from .conftest import axe_serious


def test_sme_recommendations_saved_search_and_one_digest(page: Page, live_server, demo_world):
    from northern_connections.accounts.models import User
    from northern_connections.challenges import services as challenges
    from northern_connections.directory.models import Organisation, ValueChain
    from northern_connections.matchmaking import tasks
    from northern_connections.matchmaking.index import reset_process_cache
    from northern_connections.matchmaking.models import SavedSearch

    reset_process_cache()  # this test's database is new; the process may have indexed another one
    base = live_server.url

    # Given the demo SME manager logs in
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill("sme@example.org")
    page.get_by_label("Password").fill("northern-demo")
    page.get_by_role("button", name="Sign In").click()

    # When they open their recommendations from the navigation
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Matchmaking").click()
    page.get_by_role("link", name="Challenges for").first.click()
    expect(page.get_by_role("heading", name="Challenges for", exact=False).first).to_be_visible()
    assert axe_serious(page) == []

    # Then they read, in plain words, why a challenge from another country matched
    foreign = page.locator("li.card").filter(has_text="(abroad)").first
    expect(foreign).to_be_visible()
    why = foreign.locator("p.why")
    expect(why).to_contain_text("Why this match:")
    expect(why).to_contain_text("(abroad)")
    foreign.locator("summary").click()
    expect(foreign.get_by_role("rowheader", name="Cross-border preference")).to_be_visible()

    # When they save the search with a daily digest
    page.get_by_label("Name of the search").fill("Fuel cells and e-fuels")
    page.get_by_label("E-mail digest").first.select_option("daily")
    page.get_by_role("button", name="Save this search").click()
    expect(page.get_by_text("Search saved.")).to_be_visible()
    user = User.objects.get(email="sme@example.org")
    search = SavedSearch.objects.get(user=user, name="Fuel cells and e-fuels")
    assert search.frequency == "daily" and search.active

    # And a foreign city publishes a challenge that fits the SME, through the board's own services
    officer = User.objects.get(email="officer.goteborg@example.org")
    goteborg = Organisation.objects.get(slug="goteborgs-stad")
    challenge = challenges.challenge_create(
        actor=officer, owner=goteborg, language="en", title="Fuel cells and e-fuels for the harbour's tugboats",
        summary="We seek fuel cells running on ammonia or other e-fuels, with electrolysers on site, for two "
                "harbour tugboats. A pilot within twelve months.",
        value_chains=[ValueChain.objects.get(slug="hydrogen-ptx")], trl_min=5, trl_max=9,
        application_deadline=timezone.now() + timedelta(days=40), criteria=[{"name": "Impact", "weight": 100}])
    challenges.challenge_transition(actor=officer, challenge=challenge, to_status="published")

    # Then the daily digest sends exactly one e-mail, to the SME manager, naming the new challenge
    sent_before = len(mail.outbox)
    assert tasks.send_match_digests("daily") == 1
    new = mail.outbox[sent_before:]
    assert len(new) == 1
    [digest] = new
    assert digest.to == ["sme@example.org"] and "Fuel cells and e-fuels for the harbour" in digest.body
    assert "Why this match" in digest.body and "List-Unsubscribe" in digest.extra_headers

    # And running it again sends nothing more
    assert tasks.send_match_digests("daily") == 0
    assert len(mail.outbox) == sent_before + 1

    # And the one-click link in the e-mail unsubscribes without logging in
    page.context.clear_cookies()
    link = digest.extra_headers["List-Unsubscribe"].strip("<>")
    page.goto(base + link[link.index("/matchmaking/"):])
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_text("You will no longer receive e-mails")).to_be_visible()
    search.refresh_from_db()
    assert not search.active
