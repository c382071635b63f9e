"""Issue 14's journey through the real pages: a partner fills and submits a report with two expenditure
items (one in NOK) → its first-level controller deducts part of one and certifies → the lead partner
builds the joint report and downloads its PDF and Excel.

The project world comes from the monitoring factories (three partners, a controller each, two
periods), not from the whole demo, so the journey needs seconds of set-up; the NOK rate of the
current month is what the platform administrators would have entered.
"""

import re
from decimal import Decimal

from playwright.sync_api import Page, expect

from .conftest import axe_serious

PASSWORD = "correct-horse-battery"  # core.testing.create_user's


def _log_in(page: Page, base: str, email: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def _world():
    from northern_connections.core import clock
    from northern_connections.monitoring.models import ExchangeRate
    from northern_connections.monitoring.tests.factories import build_project

    world = build_project(prefix="journey")
    ExchangeRate.objects.create(currency="NOK", month=clock.now().date().replace(day=1), rate=Decimal("11.5123"))
    return world


def _add_item(page: Page, category: str, description: str, amount: str, currency: str) -> None:
    form = page.locator("form", has=page.get_by_role("button", name="Add item"))
    form.get_by_label("Cost category").select_option(label=category)
    form.get_by_label("Description").fill(description)
    form.get_by_label("Invoice number").fill("INV-" + amount)
    form.get_by_label("Declared amount").fill(amount)
    form.get_by_label("Currency").fill(currency)
    form.get_by_role("button", name="Add item").click()
    expect(page.get_by_text("Expenditure item added.")).to_be_visible()


def _partner_submits(page: Page, base: str, world) -> str:
    _log_in(page, base, world.editors[1].email)
    page.goto(f"{base}/monitoring/{world.project.slug}/")
    start = page.locator("form", has=page.get_by_role("button", name="Start a new report"))
    start.get_by_label("Reporting period").select_option(label="Period 1")
    start.get_by_role("button", name="Start a new report").click()
    expect(page.get_by_text("Report started.")).to_be_visible()
    report_url = page.url
    _add_item(page, "Staff costs", "Project manager, March", "2000.00", "EUR")
    _add_item(page, "Travel and accommodation", "Train Oslo-Bergen", "1151.23", "NOK")
    assert axe_serious(page) == []
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_text("The report's status was changed.")).to_be_visible()
    expect(page.locator("[data-status]")).to_have_text("Submitted")
    expect(page.get_by_role("cell", name="100.00").first).to_be_visible()  # 1151.23 NOK at 11.5123
    return report_url


def _controller_certifies(page: Page, base: str, world, report_url: str) -> None:
    _log_in(page, base, world.controllers[1].email)
    page.goto(report_url)
    page.get_by_role("button", name="Start control").click()
    expect(page.locator("[data-status]")).to_have_text("In control")
    first = page.get_by_role("form", name="Control of item 1")
    first.get_by_label("In the sample").check()
    first.get_by_label("Deducted (EUR)").fill("250.00")
    first.get_by_label("Type of error").select_option(label="Missing or insufficient supporting documents")
    first.get_by_label("Comment").fill("No timesheet for two days")
    first.get_by_role("button", name="Save control of item 1").click()
    expect(page.get_by_text("Control outcome saved.")).to_be_visible()
    second = page.get_by_role("form", name="Control of item 2")
    second.get_by_label("In the sample").check()
    second.get_by_role("button", name="Save control of item 2").click()
    conclusion = page.locator("form", has=page.get_by_role("button", name="Save conclusion"))
    conclusion.get_by_label("Overall conclusion").select_option(label="Qualified: eligible after the deductions listed")
    conclusion.get_by_role("button", name="Save conclusion").click()
    expect(page.get_by_text("Conclusion saved.")).to_be_visible()
    assert axe_serious(page) == []
    page.get_by_role("button", name="Finalise control and certify").click()
    expect(page.locator("[data-status]")).to_have_text("Certified")
    with page.expect_download() as download:
        page.get_by_role("link", name="Control certificate (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")


def _lead_builds_the_joint_report(page: Page, base: str, world) -> None:
    _log_in(page, base, world.editors[0].email)
    page.goto(f"{base}/monitoring/{world.project.slug}/")
    start = page.locator("form", has=page.get_by_role("button", name="Start a joint report"))
    start.get_by_label("Reporting period").select_option(label="Period 1")
    start.get_by_role("button", name="Start a joint report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("joint report 1"))
    # 1750.00 staff + 100.00 travel + 15 % office and administration on 1750.00 = 2112.50
    expect(page.locator("[data-total-eligible]")).to_have_text("2112.50")
    assert axe_serious(page) == []
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Download PDF").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    with page.expect_download() as xlsx:
        page.get_by_role("link", name="Download Excel").click()
    assert xlsx.value.suggested_filename.endswith(".xlsx")


def test_partner_reports_controller_certifies_lead_builds_joint_report(page: Page, live_server, transactional_db):
    world = _world()
    base = live_server.url
    report_url = _partner_submits(page, base, world)
    _controller_certifies(page, base, world, report_url)
    _lead_builds_the_joint_report(page, base, world)
