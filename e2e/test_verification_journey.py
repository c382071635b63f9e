"""Issue 9 §1's journey: a newly registered user creates "Göteborgs Stad (official 2)" as a municipality →
the platform shows it unverified (and its name held) and refuses a challenge for it → the user asks for
verification → a platform administrator rejects the request with a reason, which the user reads →
the verified city publishes a challenge normally, with the "Verified" badge beside its name.

The demo world provides the verified Göteborgs Stad with its officer, and the platform administrator.
"""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from .conftest import axe_serious

DEMO_PASSWORD = "northern-demo"
IMPOSTOR = "Göteborgs Stad (official 2)"
NEW_PASSWORD = "harbour-crane-lantern-77"
REASON = "Göteborgs Stad is already verified, and the address is not at goteborg.se."


def _log_in(page: Page, base: str, email: str, password: str = DEMO_PASSWORD) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def _register(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/signup/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Full name").fill("Erik Impostor")
    page.get_by_label("Preferred language").select_option("en")
    page.get_by_label("Password:", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Password (again):").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(base + link[link.index("/accounts/"):])
    page.get_by_role("button", name="Confirm").click()


def _draft_challenge(page: Page, base: str, owner: str, title_en: str) -> None:
    deadline = timezone.localtime(timezone.now() + timedelta(days=21), timezone.get_fixed_timezone(60))
    page.goto(f"{base}/challenges/")
    page.get_by_role("link", name="Publish a challenge").click()
    page.get_by_label(re.compile(r"^Owner")).select_option(label=owner)
    page.get_by_label("Original language").select_option("sv")
    page.get_by_label(re.compile(r"^Title")).fill("Smart gatubelysning")
    page.get_by_label(re.compile(r"^Summary")).fill("Vi söker smart gatubelysning som sparar energi.")
    page.get_by_label("English title").fill(title_en)
    page.get_by_label("English summary").fill("We look for smart street lighting that saves energy.")
    page.get_by_label("Route after selection").select_option("pcp")
    page.get_by_label("Time zone of the dates").select_option("Europe/Stockholm")
    page.get_by_label("Application deadline").fill(deadline.strftime("%Y-%m-%dT12:00"))
    page.get_by_role("button", name="Save draft").click()


def _create_impostor(page: Page, base: str):
    """A newly registered user creates the organisation; the platform shows it unverified and held."""
    from northern_connections.directory.models import Organisation

    _register(page, base, "erik@goteborg-official.example")
    page.goto(f"{base}/directory/organisations/new/")
    page.get_by_label("Legal name").fill(IMPOSTOR)
    page.get_by_label("Kind").select_option("municipality")
    page.get_by_label("Country").select_option("SE")
    page.get_by_label("Website").fill("https://goteborg.se")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name=IMPOSTOR)).to_be_visible()
    expect(page.locator(".badge-unverified", has_text="Unverified")).to_be_visible()
    expect(page.locator(".badge-verified")).to_have_count(0)
    expect(page.get_by_text("cannot act (own challenges, organise events)")).to_be_visible()
    impostor = Organisation.objects.get(name=IMPOSTOR)
    page.context.clear_cookies()
    assert page.goto(f"{base}{impostor.get_absolute_url()}").status == 404  # not public while held
    return impostor


def _ask_for_verification(page: Page, base: str, impostor) -> None:
    page.goto(f"{base}{impostor.get_absolute_url()}")
    page.get_by_role("link", name="Ask for verification").click()
    page.get_by_label("Official website").fill("https://goteborg.se")
    page.get_by_label("Note to the decider").fill("I run the city's new innovation office.")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your verification request was sent")).to_be_visible()


def _administrator_rejects(page: Page, base: str, impostor) -> None:
    """The queue lists the request; its page shows the failed e-mail domain check; the admin rejects."""
    from northern_connections.directory.models import VerificationRequest

    _log_in(page, base, "admin@example.org")
    page.goto(f"{base}/directory/verification/")
    expect(page.get_by_role("heading", name="Verification requests")).to_be_visible()
    assert axe_serious(page) == []
    identity = VerificationRequest.objects.get(organisation=impostor, subject="identity")
    page.goto(f"{base}{identity.get_absolute_url()}")
    expect(page.get_by_text("close to the verified organisation", exact=False)).to_be_visible()
    facts = page.locator("dl.facts").first
    expect(facts.locator("dd", has_text=re.compile(r"^No$"))).to_be_visible()  # the e-mail domain check
    page.get_by_label("Reject").check()
    page.get_by_label("Reason").fill(REASON)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Decision recorded")).to_be_visible()
    identity.refresh_from_db()
    assert identity.status == "rejected" and identity.reason == REASON
    assert any(REASON in message.body and "erik@goteborg-official.example" in message.to for message in mail.outbox)


def _verified_city_publishes(page: Page, base: str) -> None:
    from northern_connections.challenges.models import Challenge

    _log_in(page, base, "officer.goteborg@example.org")
    _draft_challenge(page, base, "Göteborg", "Smart street lighting for Hisingen")
    expect(page.get_by_role("heading", name="Evaluation criteria")).to_be_visible()
    page.get_by_label("Criterion 1").fill("Energy saved")
    page.get_by_label("Weight (%) 1").fill("100")
    page.get_by_role("button", name="Save criteria").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("The challenge's status was changed.")).to_be_visible()
    expect(page.locator(".badge-verified", has_text="Verified").first).to_be_visible()
    assert Challenge.objects.get(title_en="Smart street lighting for Hisingen").status == "published"


def test_impostor_is_held_refused_and_rejected_while_the_verified_city_publishes(page: Page, live_server, demo_world,
                                                                                 settings):
    from northern_connections.challenges.models import Challenge

    settings.ACCOUNT_RATE_LIMITS = False
    base = live_server.url

    # Given a newly registered user who creates "Göteborgs Stad (official 2)" as a municipality,
    # which the platform shows as unverified, its name held for an administrator
    impostor = _create_impostor(page, base)

    # Then the platform refuses a challenge in its name, saying why
    _log_in(page, base, "erik@goteborg-official.example", NEW_PASSWORD)
    _draft_challenge(page, base, IMPOSTOR, "Smart street lighting (impostor)")
    expect(page.get_by_text("held until a platform administrator approves its name")).to_be_visible()
    assert not Challenge.objects.filter(owner=impostor).exists()

    # When the user asks for verification, with the city's website as evidence,
    # a platform administrator rejects the request with a reason
    _ask_for_verification(page, base, impostor)
    _administrator_rejects(page, base, impostor)

    # Then the user reads the decision, who took it and why, on their organisation's page
    _log_in(page, base, "erik@goteborg-official.example", NEW_PASSWORD)
    page.goto(f"{base}{impostor.get_absolute_url()}")
    decisions = page.locator("section.verification")
    expect(decisions.get_by_text("Rejected")).to_be_visible()
    expect(decisions.get_by_text(REASON)).to_be_visible()
    assert axe_serious(page) == []

    # While the verified city publishes normally, with the badge beside its name
    _verified_city_publishes(page, base)
