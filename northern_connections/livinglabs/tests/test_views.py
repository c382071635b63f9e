"""Pages of Living Labs: the catalogue, the shortlist with its sensitivity table, the decided round, exports."""

import io
import re

import pytest
from django.urls import reverse

from northern_connections.livinglabs import services
from northern_connections.livinglabs.choices import RoundStatus

from .conftest import score_everything
from .factories import CandidateFactory, DemonstrationFactory, region

pytestmark = pytest.mark.django_db


def test_catalogue_lists_and_filters_by_country(client, people):
    CandidateFactory(name="Göteborg quay", region=region("SE23"))
    CandidateFactory(name="Esbjerg energy island", region=region("DK03"))
    page = client.get(reverse("livinglabs:candidate_list"), {"country": "DK"})
    assert page.status_code == 200
    assert "Esbjerg energy island" in page.text and "Göteborg quay" not in page.text


def test_proposing_through_the_page(client, people):
    client.force_login(people.member)
    response = client.post(reverse("livinglabs:candidate_add"), {
        "proposed_by": people.organisation.pk, "name": "Lindholmen campus", "region": region("SE23").pk,
        "site_type": "campus", "trl_min": 5, "trl_max": 7, "cost_model": "free", "capacity": 2,
        "facilities": ["workshop"], "latitude": "57.7", "longitude": "11.93", "open_to_foreign_smes": "on"})
    assert response.status_code == 302 and response["Location"].endswith("/living-labs/lindholmen-campus/")


def _decided(lab_world, client):
    member = lab_world["people"].member
    round = lab_world["round"]
    services.round_transition(actor=member, round=round, to_status=RoundStatus.ASSESSMENT)
    score_everything(lab_world)
    client.force_login(member)
    assert client.post(reverse("livinglabs:round_shortlist", args=[round.slug])).status_code == 302
    return round


def test_shortlist_page_shows_the_sensitivity_table_and_explanations(lab_world, client):
    round = _decided(lab_world, client)
    page = client.get(reverse("livinglabs:round_shortlist", args=[round.slug]))
    assert page.status_code == 200
    assert 'id="sensitivity-table"' in page.text and "weight variations" in page.text
    assert "Decide and freeze" in page.text
    assert page.text.count("Selected: rank") == 4


def test_decided_round_is_public_and_exports(lab_world, client):
    from openpyxl import load_workbook

    round = _decided(lab_world, client)
    client.post(reverse("livinglabs:round_transition", args=[round.slug]), {"to_status": RoundStatus.DECIDED})
    client.logout()
    page = client.get(reverse("livinglabs:round_detail", args=[round.slug]))
    assert page.status_code == 200 and "Scores of the selected Living Labs" in page.text
    client.force_login(lab_world["people"].member)
    workbook = client.get(reverse("livinglabs:round_xlsx", args=[round.slug]))
    book = load_workbook(io.BytesIO(workbook.content))
    assert book.sheetnames == ["Rules and weights", "Result", "Scores"]
    assert book["Result"].max_row == 7
    pdf = client.get(reverse("livinglabs:round_pdf", args=[round.slug]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_lab_page_shows_demonstration_with_its_trl_step_and_the_map(client, people):
    demo = DemonstrationFactory(lab__status="selected", lab__name="Aalborg harbour lab", trl_after=8,
                                trl_evidence="Test report", status="completed", title="Heat pump on the quay")
    region_ = demo.lab.region
    region_.geometry = {"type": "Polygon", "coordinates": [[[11, 57], [13, 57], [13, 59], [11, 59], [11, 57]]]}
    region_.country = "SE"
    region_.save()
    page = client.get(demo.lab.get_absolute_url())
    assert "Heat pump on the quay" in page.text and "6 → 8" in page.text and "(+2)" in page.text
    labs = client.get(reverse("livinglabs:lab_list"))
    assert "<circle" in labs.text and "Aalborg harbour lab" in labs.text
    client.cookies["django_language"] = "da"  # Danish writes 57,3: coordinates in SVG and URLs must not
    assert re.search(r'<circle cx="\d+\.\d" cy="\d+\.\d"', client.get(reverse("livinglabs:lab_list")).text)
    assert "mlat=57.7&amp;mlon=11.9" in client.get(demo.lab.get_absolute_url()).text


def test_api_lists_decisions_of_a_decided_round(lab_world, client):
    round = _decided(lab_world, client)
    client.post(reverse("livinglabs:round_transition", args=[round.slug]), {"to_status": RoundStatus.DECIDED})
    client.logout()
    data = client.get(reverse("api:v1:selectionround-detail", args=[round.slug])).json()
    assert sum(d["selected"] for d in data["decisions"]) == 4 and len(data["criteria"]) == 2
    frozen = client.get(reverse("api:v1:selectionround-shortlist", args=[round.slug])).json()
    assert len(frozen["selected"]) == 4


def test_explanations_are_translated(lab_world, client):
    from django.utils import translation

    from northern_connections.livinglabs import presentation

    round = _decided(lab_world, client)
    run = round.runs.first()
    with translation.override("de"):
        rows = presentation.rows(run.result, {})
        assert rows[0].explanation.startswith("Ausgewählt: Rang 1 von 3 in der Region")
        assert "Variationen der Gewichte" in rows[0].explanation
