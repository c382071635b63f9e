"""Issue 12's journey through the real pages: a region proposes a Living Lab candidate → the coordinator
sets up a round (criteria, assessors, candidates) → two assessors score → the coordinator runs the
shortlist, reads the sensitivity table and decides → an SME plans a demonstration in the selected lab
and records the TRL it reached; the lab's page shows the demonstration with its TRL step.

The demo world provides the Göteborg officer (a verified municipality), the project coordinator of the
lead partner, the demo assessors and the demo SME manager. The round is small (the new candidate and
two demo candidates of Västsverige, one lab per region) so that scoring through the pages stays short.
"""

import re

from playwright.sync_api import Page, expect

from .conftest import axe_serious

PASSWORD = "northern-demo"
NAME = "Frihamnen hydrogen quay"


def _log_in(page: Page, base: str, email: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_propose_score_shortlist_decide_demonstrate(page: Page, live_server, demo_world):
    base = live_server.url
    candidate = _region_proposes(page, base)
    round_url = _coordinator_sets_up_the_round(page, base, candidate)
    for n, email in enumerate(["assessor.one@example.org", "assessor.two@example.org"]):
        _assessor_scores(page, base, email, round_url, candidate, tweak=n)
    _coordinator_shortlists_and_decides(page, base, round_url)
    _sme_demonstrates(page, base, candidate)


def _region_proposes(page: Page, base: str):
    from northern_connections.directory.models import NutsRegion
    from northern_connections.livinglabs.models import Candidate

    # Given the officer of Göteborgs Stad, a verified municipality
    _log_in(page, base, "officer.goteborg@example.org")
    page.goto(f"{base}/living-labs/")
    page.get_by_role("link", name="Propose a candidate").click()
    # When she proposes the Frihamnen quay with its facilities and map position
    page.get_by_label("Proposed by").select_option(label="Göteborg")
    page.get_by_label(re.compile(r"^Name")).fill(NAME)
    page.get_by_label("Region").select_option(str(NutsRegion.objects.get(code="SE23").pk))
    page.get_by_label("Site type").select_option("harbour")
    page.get_by_label("Grid connection").check()
    page.get_by_label("Quay or berth").check()
    page.get_by_label("Latitude").fill("57.7163")
    page.get_by_label("Longitude").fill("11.9520")
    page.get_by_role("button", name="Save").click()
    # Then it is in the public catalogue
    expect(page.get_by_role("heading", name=NAME, level=1)).to_be_visible()
    expect(page.get_by_text("The candidate is in the catalogue.")).to_be_visible()
    return Candidate.objects.get(name=NAME)


def _coordinator_sets_up_the_round(page: Page, base: str, candidate) -> str:
    from northern_connections.livinglabs.models import Candidate

    others = list(Candidate.objects.filter(region__code="SE23", is_demo=True).order_by("slug")[:2])
    _log_in(page, base, "coordinator@example.org")
    page.goto(f"{base}/living-labs/rounds/")
    page.get_by_role("link", name="Start a selection round").click()
    page.get_by_label(re.compile(r"^Name")).fill("Västsverige extra lab 2027")
    page.get_by_label("Labs per region").fill("1")
    page.get_by_label("Perturbation samples").fill("500")
    page.get_by_label("Candidates").select_option([str(c.pk) for c in [candidate, *others]])
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Criteria and weights")).to_be_visible()
    for name, weight, direction in (("Facilities", "3", "benefit"), ("Cost for SMEs", "1", "cost")):
        page.get_by_label(re.compile(r"^Name")).fill(name)
        page.get_by_label("Code").fill("")
        page.get_by_label("Weight").fill(weight)
        page.get_by_label("Direction").select_option(direction)
        page.get_by_role("button", name="Save the criterion").click()
        expect(page.get_by_text("Criterion saved.")).to_be_visible()
    round_url = page.url.replace("criteria/", "")
    page.goto(round_url + "assessors/")
    for email in ("assessor.one@example.org", "assessor.two@example.org"):
        page.get_by_label("E-mail of the assessor").fill(email)
        page.get_by_role("button", name="Appoint").click()
        expect(page.get_by_text("Assessor appointed.")).to_be_visible()
    page.goto(round_url)
    page.get_by_role("button", name="Open the assessment").click()
    expect(page.get_by_text("The round's status was changed.")).to_be_visible()
    return round_url


def _assessor_scores(page: Page, base: str, email: str, round_url: str, candidate, tweak: int) -> None:
    _log_in(page, base, email)
    page.goto(round_url)
    page.get_by_role("link", name="Score the candidates").click()
    for _ in range(3):
        row = page.locator("tr", has_text="to do").first
        name = row.locator("a").inner_text()
        row.locator("a").click()
        best = name == NAME
        page.get_by_label("Facilities", exact=True).fill("5" if best else str(3 - tweak))
        page.get_by_label("Cost for SMEs", exact=True).fill("1" if best else "3")
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.get_by_text("Scores saved.")).to_be_visible()
    expect(page.get_by_text("3 of 3 candidates scored.")).to_be_visible()


def _coordinator_shortlists_and_decides(page: Page, base: str, round_url: str) -> None:
    _log_in(page, base, "coordinator@example.org")
    page.goto(round_url + "shortlist/")
    page.get_by_role("button", name="Run the shortlist").click()
    expect(page.get_by_text("The shortlist was computed.")).to_be_visible()
    # The board reads the sensitivity table: the new quay is selected in every weight variation
    table = page.locator("#sensitivity-table")
    expect(table).to_be_visible()
    row = table.locator("tr", has_text=NAME)
    expect(row).to_contain_text("100 %")
    expect(row).to_contain_text("robust choice")
    expect(page.get_by_text(re.compile(rf"{NAME}: Selected: rank 1 of 3"))).to_be_visible()
    assert axe_serious(page) == []
    page.get_by_role("button", name="Decide and freeze").click()
    expect(page.get_by_text("The round's status was changed.")).to_be_visible()
    expect(page.locator(".tag", has_text="Decided")).to_be_visible()


def _sme_demonstrates(page: Page, base: str, candidate) -> None:
    _log_in(page, base, "sme@example.org")
    page.goto(f"{base}{candidate.get_absolute_url()}")
    expect(page.locator(".tag", has_text="Selected Living Lab")).to_be_visible()
    page.get_by_role("link", name="Plan a demonstration here").click()
    page.get_by_label("Title").fill("Hydrogen bunkering coupler")
    page.get_by_label("Plan").fill("Bunker a harbour tug with hydrogen ten times and measure leaks.")
    page.get_by_label("TRL before").fill("6")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The demonstration is recorded.")).to_be_visible()
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("TRL after").fill("7")
    page.get_by_label("Evidence for the TRL step").fill("Leak test report of the ten bunkering runs.")
    page.get_by_label("Status").select_option("completed")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("TRL 6 → TRL 7")).to_be_visible()
    # The lab's public page shows the demonstration and its step
    page.context.clear_cookies()
    page.goto(f"{base}{candidate.get_absolute_url()}")
    demonstrations = page.locator("section", has=page.get_by_role("heading", name="Demonstrations"))
    expect(demonstrations.get_by_role("row", name=re.compile("Hydrogen bunkering coupler"))).to_contain_text(
        "6 → 7 (+1)")
    assert axe_serious(page) == []
