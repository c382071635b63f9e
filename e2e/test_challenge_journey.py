"""Issue 3's journey through the real pages: a city officer publishes a challenge → an SME in another
country finds it by filter, asks a clarification and applies with a partner → the deadline passes and a
late edit is refused with a clear message → two jurors score → the officer shortlists → the SME sees the
decision and its feedback.

The demo world provides the officer of Göteborgs Stad and the manager of a Danish SME. The people the
pages cannot create by themselves (a Norwegian partner SME with its manager, and two jurors, who in
real life register through the sign-up journey already covered by test_directory_journey.py) are made
with the factories. Waiting three weeks for the deadline is not an option, so the test moves the
challenge's deadline into the past through the ORM, exactly what the passing of time does.
"""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from .conftest import axe_serious

PASSWORD = "northern-demo"
TITLE_EN = "Low-temperature district heating for Frölunda"


def _person(email: str, organisation=None):
    """A registered user with a verified address (and optionally the admin of `organisation`)."""
    from allauth.account.models import EmailAddress

    from northern_connections.accounts.models import Membership, User

    user = User.objects.create_user(email=email, password=PASSWORD, full_name=email.split("@")[0].title())
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if organisation is not None:
        Membership.objects.create(user=user, organisation=organisation, role="admin")
    return user


def _log_in(page: Page, base: str, email: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_publish_find_ask_apply_late_edit_score_shortlist_decide(page: Page, live_server, demo_world):
    from northern_connections.directory.tests.factories import OrganisationFactory

    base = live_server.url
    partner_org = OrganisationFactory(kind="sme", country="NO", name="Fjord Varme AS", slug="fjord-varme")
    _person("partner@fjord-varme.example", partner_org)
    _person("juror.one@example.org")
    _person("juror.two@example.org")
    deadline = timezone.localtime(timezone.now() + timedelta(days=21), timezone.get_fixed_timezone(60))
    challenge = _officer_publishes(page, base, deadline)
    application, application_url = _sme_finds_asks_and_applies(page, base, challenge)
    _late_edit_is_refused(page, challenge, application, application_url)
    _jury_scores(page, base, challenge)
    _officer_decides_and_sme_reads_feedback(page, base, challenge)


def _officer_publishes(page: Page, base: str, deadline):
    from northern_connections.challenges.models import Challenge

    # Given a city officer of Göteborg who drafts a challenge in Swedish with an English summary
    _log_in(page, base, "officer.goteborg@example.org")
    page.goto(f"{base}/challenges/")
    page.get_by_role("link", name="Publish a challenge").click()
    page.get_by_label(re.compile(r"^Owner")).select_option(label="Göteborg")
    page.get_by_label("Original language").select_option("sv")
    page.get_by_label(re.compile(r"^Title")).fill("Lågtempererad fjärrvärme i Frölunda")
    page.get_by_label(re.compile(r"^Summary")).fill("Vi vill sänka framledningstemperaturen i fjärrvärmenätet.")
    page.get_by_label("English title").fill(TITLE_EN)
    page.get_by_label("English summary").fill("We want to lower the supply temperature of the district-heating "
                                              "network without making older flats cold.")
    page.get_by_label("Heating and cooling").check()
    page.get_by_label("TRL sought from").select_option("6")
    page.get_by_label("Route after selection").select_option("pcp")
    page.get_by_label("Time zone of the dates").select_option("Europe/Stockholm")
    page.get_by_label("Application deadline").fill(deadline.strftime("%Y-%m-%dT12:00"))
    page.get_by_role("button", name="Save draft").click()

    # ...adds two weighted criteria and publishes it
    expect(page.get_by_role("heading", name="Evaluation criteria")).to_be_visible()
    page.get_by_label("Criterion 1").fill("Innovation")
    page.get_by_label("Weight (%) 1").fill("70")
    page.get_by_label("Criterion 2").fill("Price")
    page.get_by_label("Weight (%) 2").fill("30")
    page.get_by_role("button", name="Save criteria").click()
    expect(page.get_by_text("Criteria saved.")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("The challenge's status was changed.")).to_be_visible()
    expect(page.locator(".tag", has_text="Open for applications").first).to_be_visible()
    challenge = Challenge.objects.get(title_en=TITLE_EN)
    assert challenge.status == "published"
    return challenge


def _sme_finds_asks_and_applies(page: Page, base: str, challenge):
    from northern_connections.challenges.models import Application

    # When an SME manager in Denmark filters the board by country and value chain
    _log_in(page, base, "sme@example.org")
    page.goto(f"{base}/challenges/")
    page.get_by_label("Country of the owner").select_option("SE")
    page.get_by_label("Value chain", exact=True).select_option(label="Heating and cooling")
    page.get_by_label("Search").fill("fjärrvärme")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"(?=.*country=SE)(?=.*value_chain=heating-cooling)"))
    results = page.locator("#results")
    expect(results.get_by_role("link", name=TITLE_EN)).to_be_visible()
    expect(results.get_by_role("link", name="Cutting the energy use of municipal school buildings")).to_have_count(0)
    results.get_by_role("link", name=TITLE_EN).click()
    expect(page.get_by_role("heading", name=TITLE_EN, level=1)).to_be_visible()

    # ...asks a clarification, which the officer answers once for everyone
    page.get_by_label("Your question").fill("What is the supply temperature today?")
    page.get_by_role("button", name="Ask a question").click()
    expect(page.get_by_text("Your question was sent")).to_be_visible()
    _log_in(page, base, "officer.goteborg@example.org")
    page.goto(f"{base}{challenge.get_absolute_url()}")
    page.get_by_label("Answer (published to every applicant)").fill("About 85 °C in winter.")
    page.get_by_role("button", name="Publish answer").click()
    expect(page.get_by_text("Answer published.")).to_be_visible()
    page.context.clear_cookies()
    page.goto(f"{base}{challenge.get_absolute_url()}")
    expect(page.get_by_text("About 85 °C in winter.")).to_be_visible()  # public, also to anonymous visitors

    # ...and applies with a Norwegian partner, who confirms
    _log_in(page, base, "sme@example.org")
    page.goto(f"{base}{challenge.get_absolute_url()}")
    page.get_by_role("button", name="Start an application").click()
    expect(page.get_by_text("Draft application started.")).to_be_visible()
    page.get_by_label("Title of the solution").fill("Smart substations with return-temperature control")
    page.get_by_label("Solution summary").fill("A retrofit kit for building substations.")
    page.get_by_label("TRL of the solution").select_option("7")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    page.get_by_label("Partner organisation").fill("fjord-varme")
    page.get_by_label("Role in the consortium").fill("Installer in Norway")
    page.get_by_role("button", name="Invite partner").click()
    expect(page.get_by_text("Invitation sent.")).to_be_visible()
    application_url = page.url
    _log_in(page, base, "partner@fjord-varme.example")
    page.goto(application_url)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Your answer was recorded.")).to_be_visible()
    _log_in(page, base, "sme@example.org")
    page.goto(application_url)
    page.get_by_role("button", name="Submit application").click()
    expect(page.get_by_text("Submitted. A receipt")).to_be_visible()
    application = Application.objects.get(challenge=challenge)
    assert application.status == "submitted"
    assert list(application.partners.values_list("status", flat=True)) == ["confirmed"]
    return application, application_url


def _late_edit_is_refused(page: Page, challenge, application, application_url) -> None:
    from northern_connections.challenges.models import Challenge

    # Then, with the edit form still open when the deadline passes, the late save is refused, clearly
    page.get_by_label("Team").fill("Two more engineers")
    Challenge.objects.filter(pk=challenge.pk).update(application_deadline=timezone.now() - timedelta(minutes=1))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("The application deadline")
    expect(page.get_by_role("alert")).to_contain_text("has passed; changes are no longer accepted")
    application.refresh_from_db()
    assert application.team == "" and application.status == "submitted"
    page.goto(application_url)
    expect(page.get_by_role("button", name="Withdraw")).to_have_count(0)


def _jury_scores(page: Page, base: str, challenge) -> None:
    # The officer closes the call, names two jurors and starts the evaluation
    _log_in(page, base, "officer.goteborg@example.org")
    page.goto(f"{base}{challenge.get_absolute_url()}")
    page.get_by_role("button", name="Close for applications").click()
    expect(page.get_by_text("The challenge's status was changed.")).to_be_visible()
    page.get_by_role("link", name="Jury").click()
    for email in ("juror.one@example.org", "juror.two@example.org"):
        page.get_by_label("E-mail of the juror").fill(email)
        page.get_by_role("button", name="Add juror").click()
        expect(page.get_by_text("Juror added and notified.")).to_be_visible()
    page.goto(f"{base}{challenge.get_absolute_url()}")
    page.get_by_role("button", name="Start evaluation").click()
    expect(page.locator(".tag", has_text="Under evaluation")).to_be_visible()

    # Two jurors score on their own pages
    for email, (innovation, price) in (("juror.one@example.org", (9, 6)), ("juror.two@example.org", (7, 8))):
        _log_in(page, base, email)
        page.goto(f"{base}{challenge.get_absolute_url()}")
        page.get_by_role("link", name="Evaluate applications").click()
        page.get_by_role("link", name="Score", exact=True).click()
        page.get_by_label("Innovation (70 %)").fill(str(innovation))
        page.get_by_label("Comment on “Innovation”").fill("Solid concept.")
        page.get_by_label("Price (30 %)").fill(str(price))
        page.get_by_role("button", name="Save scores").click()
        expect(page.get_by_text("Scores saved.")).to_be_visible()
        expect(page.get_by_role("cell", name="Complete")).to_be_visible()


def _officer_decides_and_sme_reads_feedback(page: Page, base: str, challenge) -> None:
    # The officer sees the ranking with the jurors' disagreement, shortlists, selects and decides
    _log_in(page, base, "officer.goteborg@example.org")
    page.goto(f"{base}{challenge.get_absolute_url()}")
    page.get_by_role("link", name="Ranking and decision").click()
    row = page.get_by_role("row").filter(has_text="Smart substations")
    # 9×70 % + 6×30 % = 81 and 7×70 % + 8×30 % = 73: mean 77, standard deviation 4.
    expect(row.get_by_role("cell", name="77.0")).to_be_visible()
    expect(row.get_by_role("cell", name="4.0", exact=True)).to_be_visible()
    row.get_by_role("button", name="Shortlist").click()
    row = page.get_by_role("row").filter(has_text="Smart substations")
    expect(row.get_by_role("cell", name="Shortlisted")).to_be_visible()
    row.get_by_label("Decision").select_option("1")
    row.get_by_label("Feedback to the applicant").fill("Convincing retrofit plan; we look forward to the pilot.")
    row.get_by_role("button", name="Record").click()
    expect(page.get_by_text("Decision recorded")).to_be_visible()
    page.goto(f"{base}{challenge.get_absolute_url()}")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".tag", has_text="Decided")).to_be_visible()

    # And the SME sees the decision and its feedback
    _log_in(page, base, "sme@example.org")
    page.goto(f"{base}/challenges/applications/")
    page.get_by_role("link", name="Smart substations with return-temperature control").click()
    decision = page.get_by_role("region", name="Decision and feedback")
    expect(decision).to_contain_text("Your application was selected.")
    expect(decision).to_contain_text("Convincing retrofit plan; we look forward to the pilot.")
    decision.get_by_role("link", name="The feedback letter").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Decision on your application")
    expect(page.get_by_text("Your application was selected.")).to_be_visible()
    assert axe_serious(page) == [], "feedback letter"


def test_board_and_challenge_pages_have_no_serious_accessibility_violations(page: Page, live_server, demo_world):
    from northern_connections.challenges.models import Challenge

    challenge = Challenge.objects.filter(status="published").order_by("pk").first()
    for path in ["/challenges/", "/challenges/?country=DK&value_chain=offshore-wind&trl=7",
                 challenge.get_absolute_url()]:
        page.goto(live_server.url + path)
        assert axe_serious(page) == [], path
