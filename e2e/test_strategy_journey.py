"""Issue 16's journey: a policy coordinator opens the synergy view, finds an untapped pair, puts it on the
agenda of the next Political Board meeting, has a policy brief written from the analysis, edits it, issues
it and downloads it as PDF."""

from playwright.sync_api import Page, expect

from .conftest import axe_serious

PASSWORD = "northern-demo"


def _log_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_untapped_pair_to_the_agenda_and_an_issued_brief(page: Page, live_server, demo_world):
    from northern_connections.strategy import analysis

    base = live_server.url
    top = analysis.synergies().untapped[0]
    names = analysis.synergies().names

    # Given the partnership's coordinator opens the synergy view
    _log_in(page, base, "coordinator@example.org")
    page.goto(f"{base}/strategy/synergies/")
    expect(page.get_by_role("img", name="Similarity of the regions' strategy priorities")).to_be_visible()
    assert axe_serious(page) == []

    # When they find the most similar untapped pair and put it on the next Political Board meeting's agenda
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=f"{names[top.a]} – {names[top.b]}"))
    expect(row).to_be_visible()
    row.get_by_role("combobox").select_option(label=row.get_by_role("option").filter(
        has_text="Political Board").first.inner_text())
    row.get_by_role("button", name="Put on the agenda").click()
    expect(page.get_by_text("The pair is on the agenda.")).to_be_visible()
    expect(page.get_by_role("heading", name="Political Board, meeting 3")).to_be_visible()
    item = f"Untapped synergy: {names[top.a]} and {names[top.b]}"
    expect(page.get_by_role("listitem").filter(has_text=item)).to_be_visible()

    # And have a brief written for the meeting from the analysis
    page.get_by_role("button", name="Write a policy brief from the analysis").click()
    expect(page.get_by_text("A draft brief was written from the analysis")).to_be_visible()
    expect(page.get_by_text(f"On the agenda: {names[top.a]} and {names[top.b]}")).to_be_visible()
    assert axe_serious(page) == []

    # When they edit the summary and issue the brief
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Summary").fill("The board is asked to open a joint call for the regions below.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The board is asked to open a joint call")).to_be_visible()
    page.get_by_role("button", name="Issue the brief").click()
    expect(page.get_by_text("The brief was issued.")).to_be_visible()
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)

    # Then the issued brief downloads as a PDF, which anyone may read
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as PDF").click()
    assert download.value.suggested_filename.startswith("policy-brief-")
    assert open(download.value.path(), "rb").read(4) == b"%PDF"
