"""Conflicts of interest in the jury (issue 9 §2), at the service, page and API level.

The competition: a municipality's challenge under evaluation with two applications, Nordlys
Energi AB (lead, with Havbris Consult ApS as confirmed consortium partner) and Solvik Teknik AB.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from northern_connections.accounts.models import Membership
from northern_connections.challenges import selectors, services
from northern_connections.challenges.models import ApplicationPartner, JuryAssignment, Score
from northern_connections.directory.tests.factories import OrganisationFactory

from .factories import ApplicationFactory, ChallengeFactory


@pytest.fixture
def competition(db, make_user):
    owner_org = OrganisationFactory(kind="municipality", country="SE", name="Lunds kommun", slug="lunds-kommun")
    owner = make_user("officer@lund.example")
    Membership.objects.create(user=owner, organisation=owner_org, role="admin")
    challenge = ChallengeFactory(owner=owner_org, status="under_evaluation")
    lead = OrganisationFactory(name="Nordlys Energi AB", slug="nordlys-energi", country="SE")
    partner = OrganisationFactory(name="Havbris Consult ApS", slug="havbris-consult", country="DK")
    rival = OrganisationFactory(name="Solvik Teknik AB", slug="solvik-teknik", country="SE")
    nordlys = ApplicationFactory(challenge=challenge, applicant=lead, status="submitted",
                                 title="Heat-pump retrofit with predictive control")
    ApplicationPartner.objects.create(application=nordlys, organisation=partner, status="confirmed")
    solvik = ApplicationFactory(challenge=challenge, applicant=rival, status="submitted", title="Solar canopies")

    def member_of(email, organisation):
        user = make_user(email)
        if organisation is not None:
            Membership.objects.create(user=user, organisation=organisation, role="member")
        return user

    return SimpleNamespace(
        challenge=challenge, owner=owner, lead=lead, partner=partner, rival=rival, nordlys=nordlys, solvik=solvik,
        lead_staff=member_of("engineer@nordlys.example", lead), partner_staff=member_of("analyst@havbris.example",
                                                                                         partner),
        juror=member_of("professor@university.example", None), juror_b=member_of("consultant@example.org", None),
    )


def scores(challenge, values):
    return {c.pk: (v, "") for c, v in zip(challenge.criteria.all(), values, strict=True)}


# --- appointment --------------------------------------------------------------------------------------------------


def test_appointing_an_applicants_staff_member_is_refused_and_names_the_conflict(competition):
    c = competition
    with pytest.raises(ValidationError, match="Nordlys Energi AB") as refused:
        services.jury_assign(actor=c.owner, challenge=c.challenge, user=c.lead_staff)
    assert "exception" in str(refused.value)
    with pytest.raises(ValidationError, match="Havbris Consult ApS"):
        services.jury_assign(actor=c.owner, challenge=c.challenge, user=c.partner_staff)
    assert not JuryAssignment.objects.filter(challenge=c.challenge).exists()


def test_an_exception_is_recorded_with_who_and_why_and_never_covers_their_own_application(competition):
    from northern_connections.challenges.models import ConflictException

    c = competition
    assignment = services.jury_assign(actor=c.owner, challenge=c.challenge, user=c.partner_staff,
                                      exception_reason="The region's only expert in heat pumps")
    exception = ConflictException.objects.get(assignment=assignment)
    assert (exception.granted_by, exception.reason) == (c.owner, "The region's only expert in heat pumps")
    assert exception.created is not None
    services.scores_save(actor=c.partner_staff, application=c.solvik, scores=scores(c.challenge, [6, 6]))
    with pytest.raises(PermissionDenied, match="consortium partners"):
        services.scores_save(actor=c.partner_staff, application=c.nordlys, scores=scores(c.challenge, [9, 9]))


def test_the_juror_lookup_by_email_is_one_service_with_one_message(competition, client):
    c = competition
    with pytest.raises(ValidationError) as refused:
        services.jury_assign_by_email(actor=c.owner, challenge=c.challenge, email="nobody@example.org")
    message = refused.value.message_dict["email"][0]
    client.force_login(c.owner)
    page = client.post(reverse("challenges:challenge_jury", args=[c.challenge.slug]), {"email": "nobody@example.org"})
    api = client.post(reverse("api:v1:juryassignment-list"), {"challenge": c.challenge.slug,
                                                              "email": "nobody@example.org"},
                      content_type="application/json")
    assert page.status_code == 400 and message in page.content.decode()
    assert api.status_code == 400 and api.json()["email"] == [message]
    found = services.jury_assign_by_email(actor=c.owner, challenge=c.challenge, email=" PROFESSOR@university.example")
    assert found.user == c.juror


def test_an_outsider_cannot_probe_which_addresses_are_registered(competition):
    c = competition
    with pytest.raises(PermissionDenied):
        services.jury_assign_by_email(actor=c.juror, challenge=c.challenge, email="nobody@example.org")


def test_the_jury_page_shows_the_conflict_and_records_an_exception(competition, client):
    c = competition
    client.force_login(c.owner)
    url = reverse("challenges:challenge_jury", args=[c.challenge.slug])
    refused = client.post(url, {"email": c.lead_staff.email})
    assert refused.status_code == 400 and "Nordlys Energi AB" in refused.content.decode()
    added = client.post(url, {"email": c.lead_staff.email, "exception_reason": "Knows the district-heating grid"})
    assert added.status_code == 302
    page = client.get(url).content.decode()
    assert "Knows the district-heating grid" in page and "Nordlys Energi AB" in page


# --- conflicts that appear after the appointment ------------------------------------------------------------------


def test_a_consortium_partners_staff_member_cannot_score_the_competitors(competition):
    """Regression: only the juror's own application was refused; a partner's analyst scored the rival."""
    c = competition
    services.jury_assign(actor=c.owner, challenge=c.challenge, user=c.juror)
    Membership.objects.create(user=c.juror, organisation=c.partner, role="member")  # joins after the appointment
    with pytest.raises(PermissionDenied, match="takes part in this competition"):
        services.scores_save(actor=c.juror, application=c.solvik, scores=scores(c.challenge, [2, 2]))
    assert not Score.objects.exists()


def test_a_partner_confirmed_after_the_appointment_conflicts_the_juror(competition):
    c = competition
    staff = OrganisationFactory(name="Vindkraft Service AS", country="NO")
    Membership.objects.create(user=c.juror, organisation=staff, role="member")
    services.jury_assign(actor=c.owner, challenge=c.challenge, user=c.juror)  # not tied yet
    ApplicationPartner.objects.create(application=c.solvik, organisation=staff, status="confirmed")
    with pytest.raises(PermissionDenied):
        services.scores_save(actor=c.juror, application=c.nordlys, scores=scores(c.challenge, [5, 5]))
    page = selectors.evaluation_rows(actor=c.juror, challenge=c.challenge)
    assert all(row["conflict"] for row in page)


def test_an_invited_or_declined_partner_does_not_conflict_the_juror(competition):
    """An invitation alone proves no tie, and a lead could otherwise knock a strict juror out."""
    c = competition
    staff = OrganisationFactory(name="Vindkraft Service AS", country="NO")
    Membership.objects.create(user=c.juror, organisation=staff, role="member")
    ApplicationPartner.objects.create(application=c.solvik, organisation=staff, status="invited")
    services.jury_assign(actor=c.owner, challenge=c.challenge, user=c.juror)
    services.scores_save(actor=c.juror, application=c.nordlys, scores=scores(c.challenge, [5, 5]))


# --- the ranking --------------------------------------------------------------------------------------------------


def test_the_ranking_excludes_conflicted_scores_and_says_why(competition, client):
    c = competition
    for juror in (c.juror, c.juror_b):
        services.jury_assign(actor=c.owner, challenge=c.challenge, user=juror)
    services.jury_assign(actor=c.owner, challenge=c.challenge, user=c.partner_staff, exception_reason="Expert")
    services.scores_save(actor=c.juror, application=c.solvik, scores=scores(c.challenge, [8, 8]))  # 80
    services.scores_save(actor=c.juror_b, application=c.solvik, scores=scores(c.challenge, [6, 6]))  # 60
    services.scores_save(actor=c.juror_b, application=c.nordlys, scores=scores(c.challenge, [5, 5]))  # 50
    services.scores_save(actor=c.partner_staff, application=c.solvik, scores=scores(c.challenge, [7, 7]))  # 70
    # After scoring: juror b joins the lead applicant, juror a declares a conflict with Solvik.
    Membership.objects.create(user=c.juror_b, organisation=c.lead, role="member")
    services.conflict_declare(actor=c.juror, challenge=c.challenge, application=c.solvik)

    rows = {row["application"]: row for row in selectors.challenge_ranking(challenge=c.challenge)}
    solvik, nordlys = rows[c.solvik], rows[c.nordlys]
    assert (solvik["result"].mean, solvik["result"].disagreement, solvik["result"].jurors) == (70.0, 0.0, 1)
    assert [(e["juror"], e["reason"], e["total"]) for e in solvik["excluded"]] == [
        (c.juror, "declared", 80.0), (c.juror_b, "structural", 60.0)]  # in the order of appointment
    assert solvik["exceptions"] == [c.partner_staff]
    assert nordlys["result"].mean is None and [e["reason"] for e in nordlys["excluded"]] == ["own"]

    client.force_login(c.owner)
    page = client.get(reverse("challenges:challenge_ranking", args=[c.challenge.slug])).content.decode()
    assert "declared a conflict" in page and "structural conflict" in page and "exception granted" in page
    api = client.get(reverse("api:v1:challenge-ranking", args=[c.challenge.slug]))
    assert api.status_code == 200
    by_app = {row["application"]: row for row in api.json()}
    assert by_app[c.solvik.pk]["mean"] == 70.0 and by_app[c.solvik.pk]["exceptions"] == [c.partner_staff.email]
    assert {e["reason"] for e in by_app[c.solvik.pk]["excluded"]} == {"declared", "structural"}
    assert by_app[c.nordlys.pk]["applicant_name"] == "Nordlys Energi AB"


def test_the_excel_export_lists_the_excluded_scores(competition, client):
    from io import BytesIO

    from openpyxl import load_workbook

    c = competition
    services.jury_assign(actor=c.owner, challenge=c.challenge, user=c.juror)
    services.scores_save(actor=c.juror, application=c.solvik, scores=scores(c.challenge, [8, 8]))
    services.conflict_declare(actor=c.juror, challenge=c.challenge, application=c.solvik, reason="Former client")
    client.force_login(c.owner)
    jury_page = client.get(reverse("challenges:challenge_jury", args=[c.challenge.slug])).content.decode()
    assert "Declared a conflict with the application of Solvik Teknik AB: Former client" in jury_page
    response = client.get(reverse("challenges:challenge_ranking_xlsx", args=[c.challenge.slug]))
    workbook = load_workbook(BytesIO(response.content))
    excluded = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert excluded[1][1:] == ("Solvik Teknik AB", c.juror.email, "Excluded: the juror declared a conflict of interest",
                               80.0)


def test_only_the_owner_reads_the_ranking_api(competition, client):
    c = competition
    services.jury_assign(actor=c.owner, challenge=c.challenge, user=c.juror)
    client.force_login(c.juror)
    assert client.get(reverse("api:v1:challenge-ranking", args=[c.challenge.slug])).status_code == 403


def test_the_api_records_an_exception_for_a_juror_tied_after_the_appointment(competition, client):
    c = competition
    assignment = services.jury_assign(actor=c.owner, challenge=c.challenge, user=c.juror)
    Membership.objects.create(user=c.juror, organisation=c.rival, role="member")
    client.force_login(c.juror)
    url = reverse("api:v1:juryassignment-exception", args=[assignment.pk])
    assert client.post(url, {"reason": "Mine"}, content_type="application/json").status_code == 403
    client.force_login(c.owner)
    blank = client.post(url, {"reason": " "}, content_type="application/json")
    assert blank.status_code == 400
    granted = client.post(url, {"reason": "Retired from Solvik in 2019"}, content_type="application/json")
    assert granted.status_code == 200 and granted.json()["exception"]["granted_by"] == c.owner.email
    services.scores_save(actor=c.juror, application=c.nordlys, scores=scores(c.challenge, [5, 5]))


# --- blind evaluation ---------------------------------------------------------------------------------------------

IDENTITIES = ("nordlys", "havbris", "ingrid berg", "skanska")


def _blind_world(c):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from northern_connections.challenges.models import Attachment

    c.challenge.blind_evaluation = True
    c.challenge.save()
    c.nordlys.title = ""  # an untitled application is named after its applicant (Application.__str__)
    c.nordlys.team = "Ingrid Berg (project lead)"
    c.nordlys.references = "Skanska district heating, 2023"
    c.nordlys.created_by = c.lead_staff
    c.nordlys.save()
    attachment = Attachment.objects.create(application=c.nordlys, title="Nordlys offer", content_type="application/pdf",
                                           size=9, file=SimpleUploadedFile("nordlys-offer.pdf", b"%PDF-1.4\n"))
    university = OrganisationFactory(kind="knowledge_institution", name="Universitetet i Bergen", country="NO")
    Membership.objects.create(user=c.juror, organisation=university, role="member")  # outside the competition
    services.jury_assign(actor=c.owner, challenge=c.challenge, user=c.juror)
    return attachment


def _juror_surfaces(c, attachment):
    """Every page, export and API response a juror of the challenge can reach (and the owner's, refused)."""
    pk, slug = c.nordlys.pk, c.challenge.slug
    pages = [reverse("challenges:challenge_detail", args=[slug]), reverse("challenges:challenge_evaluate", args=[slug]),
             reverse("challenges:application_score", args=[pk]), reverse("challenges:application_detail", args=[pk]),
             reverse("challenges:attachment_download", args=[attachment.pk]),
             reverse("challenges:application_feedback", args=[pk]),
             reverse("challenges:challenge_ranking", args=[slug]),
             reverse("challenges:challenge_ranking_xlsx", args=[slug]),
             reverse("challenges:application_list"), reverse("challenges:conflict_declare", args=[pk]),
             reverse("challenges:application_shortlist", args=[pk]),
             reverse("challenges:application_decide", args=[pk])]
    api = [reverse("api:v1:application-detail", args=[pk]), reverse("api:v1:application-list"),
           reverse("api:v1:applicationpartner-list"), reverse("api:v1:attachment-list"),
           reverse("api:v1:attachment-detail", args=[attachment.pk]), reverse("api:v1:score-list"),
           reverse("api:v1:conflictdeclaration-list"), reverse("api:v1:juryassignment-list"),
           reverse("api:v1:challenge-detail", args=[slug]), reverse("api:v1:challenge-ranking", args=[slug])]
    return pages + api


def _everything_said(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        from io import BytesIO

        from openpyxl import load_workbook

        sheets = load_workbook(BytesIO(body)).worksheets
        body = repr([list(ws.iter_rows(values_only=True)) for ws in sheets]).encode()
    return (body.decode("utf-8", "replace") + repr(dict(response.items()))).lower()


def test_a_blind_jury_never_learns_who_applied(competition, client):
    """Regression: the challenge page, the application page, file names and the API named the applicant."""
    c = competition
    attachment = _blind_world(c)
    services.scores_save(actor=c.juror, application=c.solvik, scores=scores(c.challenge, [5, 5]))
    client.force_login(c.juror)
    reached, leaks = 0, []
    for url in _juror_surfaces(c, attachment):
        response = client.get(url)
        said = _everything_said(response)
        leaks += [(url, name) for name in IDENTITIES if name in said]
        reached += response.status_code == 200
    assert leaks == []
    assert reached >= 13  # the pages and API responses a juror reads (the owner's ranking and export are refused)
    detail = client.get(reverse("api:v1:application-detail", args=[c.nordlys.pk])).json()
    assert detail["applicant"] is None and detail["partners"] == [] and detail["applicant_label"].startswith(
        "Application A-")
    download = client.get(reverse("challenges:attachment_download", args=[attachment.pk]))
    assert f"Attachment A-{c.nordlys.pk:04d}-{attachment.pk}.pdf" in download["Content-Disposition"]


def test_the_owner_and_a_jury_that_is_not_blind_see_who_applied(competition, client):
    c = competition
    attachment = _blind_world(c)
    client.force_login(c.owner)
    for name in ("challenges:challenge_ranking", "challenges:challenge_ranking_xlsx", "api:v1:challenge-ranking"):
        assert "nordlys" in _everything_said(client.get(reverse(name, args=[c.challenge.slug]))), name
    assert "havbris" in _everything_said(client.get(reverse("api:v1:applicationpartner-list")))
    c.challenge.blind_evaluation = False
    c.challenge.save()
    client.force_login(c.juror)
    for url in (reverse("challenges:application_detail", args=[c.nordlys.pk]),
                reverse("api:v1:application-detail", args=[c.nordlys.pk]),
                reverse("challenges:attachment_download", args=[attachment.pk])):
        assert "nordlys" in _everything_said(client.get(url)), url


def test_the_api_refuses_a_conflicted_juror_until_an_exception_is_given(competition, client):
    c = competition
    client.force_login(c.owner)
    url = reverse("api:v1:juryassignment-list")
    refused = client.post(url, {"challenge": c.challenge.slug, "email": c.lead_staff.email},
                          content_type="application/json")
    assert refused.status_code == 400 and "Nordlys Energi AB" in refused.json()["exception_reason"][0]
    added = client.post(url, {"challenge": c.challenge.slug, "email": c.lead_staff.email,
                              "exception_reason": "Leads the regional heat-pump test bed"},
                        content_type="application/json")
    assert added.status_code == 201
    assert added.json()["exception"]["reason"] == "Leads the regional heat-pump test bed"
    assert added.json()["exception"]["granted_by"] == c.owner.email
