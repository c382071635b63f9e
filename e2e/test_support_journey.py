"""Support map: a policy maker follows a regional gap to a measure abroad; an SME finds its pathway."""

from playwright.sync_api import Page, expect

from .conftest import axe_serious


def test_gap_to_complement_abroad_and_sme_pathway(page: Page, live_server, demo_world):
    base = live_server.url

    # Given a policy maker opens the coverage heatmap of Syddanmark for offshore wind
    page.goto(f"{base}/support/")
    page.get_by_label("Region or country").select_option("DK03")
    page.get_by_label("Value chain").select_option("offshore-wind")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("img", name="Offshore wind in Syddanmark")).to_be_visible()
    expect(page.get_by_role("table").filter(has_text="Operation and maintenance").first).to_be_visible()
    assert axe_serious(page) == []

    # When they read the bottleneck and follow the O&M gap at TRL 7 to a complementary measure abroad
    expect(page.get_by_text("Operation and maintenance: TRL 7, 8")).to_be_visible()
    gap = page.locator("#gap-operation-maintenance-7")
    expect(gap.get_by_text("open to SMEs from other countries").first).to_be_visible()
    gap.get_by_role("link", name="Vestland offshore O&M test bed").click()

    # Then the measure abroad says that SMEs from other countries may use it
    expect(page.get_by_role("heading", name="Vestland offshore O&M test bed")).to_be_visible()
    expect(page.get_by_text("Also organisations from other countries")).to_be_visible()

    # Given an SME at TRL 6 in offshore-wind operation and maintenance in Syddanmark opens the navigator
    page.goto(f"{base}/support/navigator/")
    page.get_by_label("Value chain").select_option("offshore-wind")
    page.get_by_label("Value-chain step").select_option("operation-maintenance")
    page.get_by_label("Your current TRL").select_option("6")
    page.get_by_label("Your region").select_option("DK03")
    page.get_by_label("Your kind of organisation").select_option("sme")
    page.get_by_role("button", name="Find support").click()

    # Then it sees the support that applies now and its pathway to the next TRLs, at home and abroad
    expect(page.get_by_role("heading", name="Support at TRL 6")).to_be_visible()
    expect(page.get_by_role("link", name="Esbjerg offshore demonstration grant").first).to_be_visible()
    pathway = page.locator(".pathway > li").filter(has=page.get_by_role("heading", name="To TRL 7"))
    expect(pathway.get_by_role("link", name="Vestland offshore O&M test bed")).to_be_visible()
    expect(pathway.get_by_role("link", name="Aberdeen offshore O&M accelerator")).to_be_visible()
    nine = page.locator(".pathway > li").filter(has=page.get_by_role("heading", name="To TRL 9"))
    expect(nine.get_by_role("link", name="Syddanmark offshore market finance")).to_be_visible()
    assert axe_serious(page) == []
