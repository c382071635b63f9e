"""Knowledge centre: a procurer finds a Danish case and asks its advisor; an SME assesses itself and shares."""

from django.core import mail
from playwright.sync_api import Page, expect

from .conftest import axe_serious

PASSWORD = "northern-demo"


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_procurer_contacts_an_advisor_and_sme_shares_its_self_assessment(page: Page, live_server, demo_world):
    base = live_server.url

    # Given a procurer from Aberdeen searches the case library with an inflected Danish word
    log_in(page, base, "officer.aberdeen@example.org")
    page.goto(f"{base}/knowledge/cases/")
    page.get_by_label("Search").fill("varmepumperne")
    page.get_by_role("button", name="Apply filters").click()
    case = page.get_by_role("link", name="Store varmepumper til kommunens skoler – Aalborg")
    expect(case).to_be_visible()
    expect(page.locator("#results mark").first).to_be_visible()
    assert axe_serious(page) == []

    # When they open the case and write to its advising person
    case.click()
    expect(page.get_by_text("Large heat pumps for the municipal schools – Aalborg")).to_be_visible()
    assert axe_serious(page) == []
    page.get_by_role("link", name="Contact the advising person").click()
    page.get_by_label("Message").fill("We plan the same for our schools. Could we see your specification?")
    page.get_by_role("button", name="Send").click()

    # Then a private conversation holds the message and the advisor is told by e-mail
    expect(page.get_by_text("Your message was sent.")).to_be_visible()
    expect(page.get_by_text("Could we see your specification?")).to_be_visible()
    assert any("advisor.aalborg-kommune@example.org" in m.to for m in mail.outbox)
    page.get_by_role("button", name="Log out").click()

    # Given an SME manager starts the self-assessment
    log_in(page, base, "sme@example.org")
    page.goto(f"{base}/knowledge/self-assessment/")
    page.get_by_role("button", name="Start the self-assessment").click()
    expect(page.get_by_role("heading", name="SME innovation self-assessment")).to_be_visible()

    # When it answers every question and asks for its result
    groups = page.locator("fieldset.card input[type=radio][value='1']")
    for index in range(groups.count()):
        groups.nth(index).check()
    page.get_by_role("button", name="See my result").click()

    # Then it sees its radar chart with the benchmark, its table twin and recommendations
    expect(page.get_by_text("Your result is ready.")).to_be_visible()
    expect(page.get_by_role("img", name="Innovation self-assessment by dimension")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Comparable SMEs", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", name="Recommendations")).to_be_visible()
    expect(page.get_by_role("heading", name="From the toolbox")).to_be_visible()
    assert axe_serious(page) == []

    # When it shares the result with its cluster
    page.get_by_role("combobox", name="Cluster").select_option(label="Energy Cluster Denmark")
    page.get_by_role("button", name="Share", exact=True).click()
    expect(page.get_by_text("Shared: the cluster's managers can now see this result.")).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    # Then the cluster's manager sees it among the results shared with the cluster
    log_in(page, base, "cluster.ecd@example.org")
    page.goto(f"{base}/knowledge/self-assessment/")
    shared = page.locator("table").filter(has_text="Energy Cluster Denmark")
    expect(shared).to_be_visible()
