"""Partnering: a cluster opens a call, asks the builder for a consortium over four value-chain steps with
partners from all three region categories, adopts a proposal, invites its members and tracks the checklist."""

from playwright.sync_api import Page, expect

from .conftest import axe_serious

PASSWORD = "northern-demo"
STEPS = ["Research and design", "Manufacturing and components", "Installation and construction",
         "Operation and maintenance"]
CATEGORIES = ["More developed region", "Transition region", "Less developed region"]


def _log_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def _open_the_wind_call(page: Page, base: str) -> None:
    page.goto(f"{base}/partnering/")
    page.get_by_label("Search").fill("wind energy systems")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("link", name="Innovative technologies and solutions to improve wind energy systems").first.click()
    expect(page.get_by_text("HORIZON-CL5-2026-09-D3-03").first).to_be_visible()
    assert axe_serious(page) == []


def _ask_the_builder(page: Page) -> None:
    page.get_by_role("link", name="Ask the consortium builder").click()
    for step in STEPS:
        page.get_by_label(step).check()
    for category in CATEGORIES:
        page.get_by_label(category).check()
    page.get_by_label("Smallest consortium").fill("4")
    page.get_by_label("Largest consortium").fill("7")
    page.get_by_role("button", name="Propose consortia").click()
    expect(page.get_by_role("heading", name="Proposal 1")).to_be_visible()
    expect(page.get_by_text("the only member from a less developed region").first).to_be_visible()
    assert axe_serious(page) == []


def test_cluster_builds_a_consortium_for_a_call(page: Page, live_server, demo_world):
    base = live_server.url
    # Given the cluster manager of Energy Cluster Denmark opens the wind call
    _log_in(page, base, "cluster.ecd@example.org")
    _open_the_wind_call(page, base)

    # When they open a consortium for it and ask the builder for four steps and all three region categories
    page.get_by_role("link", name="Build a consortium for this call").click()
    page.get_by_label("Coordinator").select_option(label="Energy Cluster Denmark")
    page.get_by_label("Name").fill("Four Steps Offshore")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Four Steps Offshore")).to_be_visible()
    expect(page.get_by_text("At least 3 partners (now 1)")).to_be_visible()
    _ask_the_builder(page)

    # And adopt the first proposal, which invites its members
    page.get_by_role("button", name="Adopt proposal 1 and invite its members").click()
    expect(page.get_by_text("organisations were invited")).to_be_visible()

    # Then the workspace lists the invited members with their region categories and the live checklist
    members = page.get_by_role("table", name="Members, roles, work packages led, budget and region category")
    expect(members.get_by_role("cell", name="Invited").first).to_be_visible()
    for category in CATEGORIES:
        expect(members.get_by_text(category).first).to_be_visible()
    checklist = page.get_by_role("list", name="Eligibility checklist")
    expect(checklist.get_by_text("At least 3 partners")).to_contain_text("Met:")
    expect(checklist.get_by_text("Every invited organisation has answered")).to_contain_text("Not met:")

    # And a task for the application is tracked in the workspace
    page.get_by_text("Add a task").click()
    page.locator("#id_task-title").fill("Collect letters of support")
    page.get_by_role("button", name="Add task").click()
    expect(page.get_by_text("Collect letters of support")).to_be_visible()
    assert axe_serious(page) == []
