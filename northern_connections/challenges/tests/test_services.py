"""Every rule of the board, tested at the service layer (where the rules live)."""

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from northern_connections.challenges import services
from northern_connections.challenges.choices import ApplicationStatus, ChallengeStatus, PartnerStatus
from northern_connections.challenges.models import Application, ChallengeTransition

from .factories import ApplicationFactory, ChallengeFactory

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def draft(people, **extra):
    fields = {"title": "Lavere energibruk i skoler", "summary": "Kort sammendrag.", "language": "nb",
              "application_deadline": timezone.now() + timedelta(days=30), "time_zone": "Europe/Oslo",
              "criteria": [{"name": "Innovation", "weight": 50}, {"name": "Price", "weight": 50}]}
    fields.update(extra)
    return services.challenge_create(actor=people["owner"], owner=people["owner_org"], **fields)


def application(people, challenge, **extra):
    return services.application_create(actor=people["sme"], challenge=challenge, applicant=people["sme_org"],
                                       title="Solar canopies", solution_summary="PV over parking", trl=7, **extra)


# --- life cycle ---------------------------------------------------------------------------------------------------


def test_publication_needs_an_english_title_and_summary(people):
    challenge = draft(people)
    with pytest.raises(ValidationError, match="English title and summary"):
        services.challenge_transition(actor=people["owner"], challenge=challenge, to_status="published")
    services.challenge_update(actor=people["owner"], challenge=challenge, title_en="Lower energy use in schools",
                              summary_en="Short summary.")
    services.challenge_transition(actor=people["owner"], challenge=challenge, to_status="published")
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.PUBLISHED and challenge.published_at is not None


def test_an_english_challenge_is_its_own_english_version(people):
    challenge = draft(people, language="en", title="Harbour shore power", summary="Electrify the ferry quay.")
    assert challenge.title_en == "Harbour shore power"
    services.challenge_transition(actor=people["owner"], challenge=challenge, to_status="published")


def test_a_transition_note_over_500_characters_is_refused_and_nothing_changes(people):
    # Regression: core/workflow.py cut the note at 500 characters without a word, and three apps' views
    # cut it again; now the workflow refuses it with the length, before any write.
    challenge = draft(people, language="en", title="Harbour shore power", summary="Electrify the ferry quay.")
    with pytest.raises(ValidationError, match="at most 500 characters"):
        services.challenge_transition(actor=people["owner"], challenge=challenge, to_status="published",
                                      note="x" * 501)
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.DRAFT and not challenge.transitions.exists()
    services.challenge_transition(actor=people["owner"], challenge=challenge, to_status="published", note="y" * 500)
    assert challenge.transitions.get().note == "y" * 500


def test_criteria_weights_must_add_up_to_100(people):
    with pytest.raises(ValidationError, match="add up to 100"):
        draft(people, criteria=[{"name": "Innovation", "weight": 60}, {"name": "Price", "weight": 30}])
    challenge = draft(people)
    with pytest.raises(ValidationError, match="they add up to 110"):
        services.challenge_criteria_set(actor=people["owner"], challenge=challenge,
                                        criteria=[{"name": "A", "weight": 60}, {"name": "B", "weight": 50}])


def test_only_public_authorities_and_clusters_own_challenges(people):
    with pytest.raises(PermissionDenied):
        services.challenge_create(actor=people["sme"], owner=people["sme_org"], title="x", summary="y")


def test_transitions_follow_the_state_machine_and_are_recorded(people, frozen):
    challenge = ChallengeFactory(owner=people["owner_org"])
    with pytest.raises(ValidationError, match="cannot become"):
        services.challenge_transition(actor=people["owner"], challenge=challenge, to_status="decided")
    with pytest.raises(ValidationError, match="closes at its deadline"):
        services.challenge_transition(actor=people["owner"], challenge=challenge, to_status="closed")
    with pytest.raises(PermissionDenied):
        services.challenge_transition(actor=people["sme"], challenge=challenge, to_status="cancelled")
    frozen(challenge.application_deadline + timedelta(seconds=1))
    services.challenge_transition(actor=people["owner"], challenge=challenge, to_status="closed")
    services.challenge_transition(actor=people["owner"], challenge=challenge, to_status="under_evaluation")
    services.challenge_transition(actor=people["owner"], challenge=challenge, to_status="decided")
    services.challenge_transition(actor=people["owner"], challenge=challenge, to_status="archived")
    with pytest.raises(ValidationError):
        services.challenge_transition(actor=people["owner"], challenge=challenge, to_status="published")
    moves = list(ChallengeTransition.objects.filter(challenge=challenge).values_list("to_status", "by"))
    owner = people["owner"].pk
    assert moves == [("closed", owner), ("under_evaluation", owner), ("decided", owner), ("archived", owner)]


def test_due_challenges_close_automatically_by_the_task(people, frozen):
    due = ChallengeFactory(owner=people["owner_org"])
    later = ChallengeFactory(owner=people["owner_org"], application_deadline=timezone.now() + timedelta(days=60))
    frozen(due.application_deadline + timedelta(minutes=1))
    from northern_connections.challenges.tasks import close_due_challenges

    assert close_due_challenges.delay().get() == 1
    due.refresh_from_db(), later.refresh_from_db()
    assert (due.status, later.status) == ("closed", "published")
    record = due.transitions.get()
    assert record.by is None and record.from_status == "published"


def test_a_published_deadline_can_be_extended_but_not_brought_forward(people):
    challenge = ChallengeFactory(owner=people["owner_org"])
    with pytest.raises(ValidationError, match="extended, not shortened"):
        services.challenge_update(actor=people["owner"], challenge=challenge,
                                  application_deadline=challenge.application_deadline - timedelta(days=1))
    services.challenge_update(actor=people["owner"], challenge=challenge,
                              application_deadline=challenge.application_deadline + timedelta(days=1))


# --- deadlines and time zones -------------------------------------------------------------------------------------


def test_deadline_at_2359_oslo_is_2159_utc_in_summer(people, frozen):
    deadline = datetime(2026, 6, 30, 23, 59, tzinfo=OSLO)
    challenge = ChallengeFactory(owner=people["owner_org"], application_deadline=deadline, time_zone="Europe/Oslo")
    frozen(datetime(2026, 6, 30, 21, 58, tzinfo=zoneinfo.ZoneInfo("UTC")))  # 23:58 in Oslo: in time
    app = application(people, challenge)
    frozen(datetime(2026, 6, 30, 22, 30, tzinfo=zoneinfo.ZoneInfo("UTC")))  # 22:30 UTC looks early, is 00:30 Oslo
    with pytest.raises(ValidationError, match="deadline .* has passed") as error:
        services.application_submit(actor=people["sme"], application=app)
    assert "Europe/Oslo" in str(error.value)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.DRAFT


def test_the_deadline_instant_itself_is_too_late(people, frozen):
    challenge = ChallengeFactory(owner=people["owner_org"])
    app = application(people, challenge)
    frozen(challenge.application_deadline)
    with pytest.raises(ValidationError, match="has passed"):
        services.application_update(actor=people["sme"], application=app, version=app.version, title="late")


def test_edits_and_withdrawal_are_refused_after_the_deadline(people, frozen):
    challenge = ChallengeFactory(owner=people["owner_org"])
    app = application(people, challenge)
    services.application_submit(actor=people["sme"], application=app)
    app.refresh_from_db()
    services.application_update(actor=people["sme"], application=app, version=app.version, team="Two engineers")
    frozen(challenge.application_deadline + timedelta(hours=1))
    for call in (lambda: services.application_withdraw(actor=people["sme"], application=app),
                 lambda: services.attachment_add(actor=people["sme"], application=app, title="late",
                                                 file=SimpleUploadedFile("a.pdf", PDF_BYTES))):
        with pytest.raises(ValidationError, match="has passed"):
            call()


# --- eligibility, uniqueness and consortia ------------------------------------------------------------------------


def test_eligibility_country_kind_and_sme_only(people):
    challenge = ChallengeFactory(owner=people["owner_org"], eligible_countries=["SE", "NO"])
    with pytest.raises(ValidationError, match="from DK are not eligible"):
        application(people, challenge)
    challenge = ChallengeFactory(owner=people["owner_org"], eligible_kinds=["knowledge_institution"])
    with pytest.raises(ValidationError, match="kind of organisation"):
        application(people, challenge)
    people["sme_org"].kind = "large_enterprise"
    people["sme_org"].save()
    challenge = ChallengeFactory(owner=people["owner_org"], smes_only=True)
    with pytest.raises(ValidationError, match="only SMEs"):
        application(people, challenge)


def test_one_application_per_organisation(people):
    challenge = ChallengeFactory(owner=people["owner_org"])
    application(people, challenge)
    with pytest.raises(ValidationError, match="one application per organisation"):
        application(people, challenge)
    assert Application.objects.filter(challenge=challenge).count() == 1


def test_the_database_also_refuses_a_second_application(db):
    from django.db import IntegrityError

    app = ApplicationFactory()
    with pytest.raises(IntegrityError):
        ApplicationFactory(challenge=app.challenge, applicant=app.applicant)


def test_consortium_partner_must_confirm_before_submission(people, django_capture_on_commit_callbacks):
    challenge = ChallengeFactory(owner=people["owner_org"], max_consortium_size=2)
    app = application(people, challenge)
    with django_capture_on_commit_callbacks(execute=True):
        partner = services.partner_invite(actor=people["sme"], application=app, organisation=people["partner_org"],
                                          role="Heat-pump supplier")
    assert any("invites" in m.subject for m in mail.outbox)
    with pytest.raises(ValidationError, match="must confirm"):
        services.application_submit(actor=people["sme"], application=app)
    with pytest.raises(PermissionDenied):  # the lead cannot confirm for the partner
        services.partner_respond(actor=people["sme"], partner=partner, accept=True)
    services.partner_respond(actor=people["partner"], partner=partner, accept=True)
    services.application_submit(actor=people["sme"], application=app)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.SUBMITTED


def test_consortium_size_and_consortia_allowed(people, make_user):
    from northern_connections.directory.tests.factories import OrganisationFactory

    challenge = ChallengeFactory(owner=people["owner_org"], max_consortium_size=2)
    app = application(people, challenge)
    services.partner_invite(actor=people["sme"], application=app, organisation=people["partner_org"])
    with pytest.raises(ValidationError, match="at most 2"):
        services.partner_invite(actor=people["sme"], application=app, organisation=OrganisationFactory())
    solo = ChallengeFactory(owner=people["owner_org"], consortia_allowed=False)
    app = application(people, solo)
    with pytest.raises(ValidationError, match="does not accept consortia"):
        services.partner_invite(actor=people["sme"], application=app, organisation=people["partner_org"])


def test_confirmed_partner_may_edit_invited_one_may_not(people):
    challenge = ChallengeFactory(owner=people["owner_org"])
    app = application(people, challenge)
    partner = services.partner_invite(actor=people["sme"], application=app, organisation=people["partner_org"])
    with pytest.raises(PermissionDenied):
        services.application_update(actor=people["partner"], application=app, version=None, team="us")
    services.partner_respond(actor=people["partner"], partner=partner, accept=True)
    app.refresh_from_db()
    services.application_update(actor=people["partner"], application=app, version=app.version, team="us")


# --- concurrent edits ---------------------------------------------------------------------------------------------


def test_a_stale_version_is_refused(people):
    challenge = ChallengeFactory(owner=people["owner_org"])
    app = application(people, challenge)
    opened = app.version
    services.application_update(actor=people["sme"], application=app, version=opened, title="Lead's title")
    with pytest.raises(ValidationError, match="changed by someone else since you opened it"):
        services.application_update(actor=people["sme"], application=app, version=opened, title="Partner's title")
    app.refresh_from_db()
    assert app.title == "Lead's title" and app.version == opened + 1


# --- uploads ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "accepted"), [
    ("offer.pdf", PDF_BYTES, True),
    ("photo.png", PNG_BYTES, True),
    ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 32, True),
    ("offer.pdf", PNG_BYTES, False),  # the name says PDF, the bytes say PNG
    ("script.pdf", b"#!/bin/sh\nrm -rf /", False),
    ("offer.exe", b"MZ\x90\x00", False),
])
def test_upload_type_is_checked_from_content(people, name, content, accepted):
    app = application(people, ChallengeFactory(owner=people["owner_org"]))
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    if accepted:
        attachment = services.attachment_add(actor=people["sme"], application=app, title=name, file=upload)
        assert attachment.size == len(content)
    else:
        with pytest.raises(ValidationError):
            services.attachment_add(actor=people["sme"], application=app, title=name, file=upload)


def test_office_files_are_recognised_and_size_is_limited():
    import io
    import zipfile

    from northern_connections.challenges import uploads

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    assert uploads.check("plan.docx", buffer.getvalue()) == uploads.DOCX
    with pytest.raises(uploads.UploadRefused, match="name ends in '.xlsx'"):
        uploads.check("plan.xlsx", buffer.getvalue())
    with pytest.raises(uploads.UploadRefused, match="larger than"):
        uploads.check("big.pdf", b"%PDF-" + b"0" * 2048, max_bytes=1024)


# --- evaluation ---------------------------------------------------------------------------------------------------


def evaluation_world(people, frozen, *, blind=False):
    from northern_connections.accounts.models import Membership

    challenge = ChallengeFactory(owner=people["owner_org"], blind_evaluation=blind)
    app = application(people, challenge)
    partner = services.partner_invite(actor=people["sme"], application=app, organisation=people["partner_org"])
    services.partner_respond(actor=people["partner"], partner=partner, accept=True)
    services.application_submit(actor=people["sme"], application=app)
    a = services.jury_assign(actor=people["owner"], challenge=challenge, user=people["juror_a"])
    b = services.jury_assign(actor=people["owner"], challenge=challenge, user=people["juror_b"])
    conflicted = services.jury_assign(actor=people["owner"], challenge=challenge, user=people["partner"],
                                      exception_reason="The only district-heating expert in the region")
    assert Membership.objects.filter(user=people["partner"], organisation=people["partner_org"]).exists()
    frozen(challenge.application_deadline + timedelta(minutes=5))
    services.challenges_close_due()
    services.challenge_transition(actor=people["owner"], challenge=challenge, to_status="under_evaluation")
    challenge.refresh_from_db()
    return challenge, app, (a, b, conflicted)


def scores_for(challenge, values):
    return {c.pk: (v, "comment") for c, v in zip(challenge.criteria.all(), values, strict=True)}


def test_juror_from_a_consortium_partner_cannot_score(people, frozen):
    challenge, app, _ = evaluation_world(people, frozen)
    with pytest.raises(PermissionDenied, match="consortium partners"):
        services.scores_save(actor=people["partner"], application=app, scores=scores_for(challenge, [5, 5]))


def test_declared_conflict_excludes_and_keeps_the_scores_on_record(people, frozen):
    from northern_connections.challenges import selectors

    challenge, app, _ = evaluation_world(people, frozen)
    services.scores_save(actor=people["juror_a"], application=app, scores=scores_for(challenge, [8, 6]))
    services.conflict_declare(actor=people["juror_a"], challenge=challenge, application=app, reason="Former employer")
    [row] = selectors.challenge_ranking(challenge=challenge)
    assert app.scores.count() == 2 and row["result"].mean is None
    assert [(e["juror"], e["reason"], e["total"]) for e in row["excluded"]] == [(people["juror_a"], "declared", 72.0)]
    with pytest.raises(PermissionDenied, match="declared a conflict"):
        services.scores_save(actor=people["juror_a"], application=app, scores=scores_for(challenge, [8, 6]))


def test_non_jurors_cannot_score_and_scores_are_bounded(people, frozen):
    challenge, app, _ = evaluation_world(people, frozen)
    with pytest.raises(PermissionDenied):
        services.scores_save(actor=people["sme"], application=app, scores=scores_for(challenge, [10, 10]))
    with pytest.raises(ValidationError, match="0 to 10"):
        services.scores_save(actor=people["juror_a"], application=app, scores=scores_for(challenge, [11, 0]))


def test_weighted_ranking_with_disagreement_shortlist_and_decision(people, frozen, django_capture_on_commit_callbacks):
    from northern_connections.challenges import selectors

    challenge, app, _ = evaluation_world(people, frozen, blind=True)
    services.scores_save(actor=people["juror_a"], application=app, scores=scores_for(challenge, [10, 5]))  # 80
    services.scores_save(actor=people["juror_b"], application=app, scores=scores_for(challenge, [5, 5]))  # 50
    [row] = selectors.challenge_ranking(challenge=challenge)
    assert row["result"].mean == 65.0 and row["result"].disagreement == 15.0 and row["result"].rank == 1
    rows = selectors.evaluation_rows(actor=people["juror_a"], challenge=challenge)
    assert rows[0]["label"].startswith("Application A-") and people["sme_org"].name not in rows[0]["label"]
    with pytest.raises(ValidationError, match="Shortlist an application before"):
        services.application_decide(actor=people["owner"], application=app, selected=True, feedback="Great")
    services.application_shortlist(actor=people["owner"], application=app)
    services.application_decide(actor=people["owner"], application=app, selected=True, feedback="Strong pilot plan.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.challenge_transition(actor=people["owner"], challenge=challenge, to_status="decided")
    recipients = {m.to[0] for m in mail.outbox if "Decision" in m.subject}
    assert recipients == {"outsider@example.org", "partner@example.org"}
    assert "Strong pilot plan." in mail.outbox[0].body


def test_submission_sends_a_receipt_with_pdf(people, django_capture_on_commit_callbacks):
    challenge = ChallengeFactory(owner=people["owner_org"])
    app = application(people, challenge)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(actor=people["sme"], application=app)
    [message] = [m for m in mail.outbox if "Receipt" in m.subject]
    name, content, mimetype = message.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF-")


def test_clarification_answered_once_for_everyone(people, client):
    from northern_connections.challenges.models import Clarification

    challenge = ChallengeFactory(owner=people["owner_org"])
    question = services.clarification_ask(actor=people["sme"], challenge=challenge, organisation=people["sme_org"],
                                          question="May the pilot run in winter?")
    assert not Clarification.objects.restrict(None).filter(pk=question.pk).exists()
    services.clarification_answer(actor=people["owner"], clarification=question, answer="Yes, from November.")
    assert Clarification.objects.restrict(None).filter(pk=question.pk).exists()
    with pytest.raises(PermissionDenied):
        services.clarification_answer(actor=people["sme"], clarification=question, answer="Mine")


def test_recommendation_only_to_cluster_members(people, make_user, django_capture_on_commit_callbacks):
    from northern_connections.accounts.models import Membership
    from northern_connections.directory.models import ClusterMembership
    from northern_connections.directory.tests.factories import OrganisationFactory

    cluster = OrganisationFactory(kind="cluster", country="DK")
    manager = make_user("cluster@example.org")
    Membership.objects.create(user=manager, organisation=cluster, role="admin")
    ClusterMembership.objects.create(cluster=cluster, member=people["sme_org"])
    challenge = ChallengeFactory(owner=people["owner_org"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.recommendation_create(actor=manager, cluster=cluster, challenge=challenge,
                                       organisations=[people["sme_org"]], message="Fits your heat pumps")
    assert [m.to for m in mail.outbox] == [["outsider@example.org"]]
    with pytest.raises(ValidationError, match="not a member"):
        services.recommendation_create(actor=manager, cluster=cluster, challenge=challenge,
                                       organisations=[people["partner_org"]])
    with pytest.raises(PermissionDenied):
        services.recommendation_create(actor=people["sme"], cluster=cluster, challenge=challenge,
                                       organisations=[people["sme_org"]])


def test_partner_status_choices_are_stable():
    assert PartnerStatus.CONFIRMED == "confirmed"


@pytest.mark.django_db
def test_lead_applicant_rule_is_the_same_for_page_and_service(make_user):
    """Regression: the page offered partner invitations to plain members, whom the service refused."""
    from northern_connections.accounts.models import Membership
    from northern_connections.challenges.permissions import LEAD
    from northern_connections.challenges.tests.factories import ApplicationFactory
    from northern_connections.core.permissions import can

    application = ApplicationFactory()
    member, editor = make_user("plain-member@example.org"), make_user("editor@example.org")
    Membership.objects.create(user=member, organisation=application.applicant, role="member")
    Membership.objects.create(user=editor, organisation=application.applicant, role="editor")
    assert not can(member, LEAD, application)
    assert can(editor, LEAD, application)


# --- the life cycle through core's state machine (issue 9 item 3, issue 10 item 1) ------------------------------


@pytest.mark.parametrize("to_status", ["", "bogus", "Published"])
def test_an_empty_or_unknown_status_is_refused_and_nothing_is_recorded(people, to_status):
    challenge = draft(people)
    with pytest.raises(ValidationError):
        services.challenge_transition(actor=people["owner"], challenge=challenge, to_status=to_status)
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.DRAFT
    assert not ChallengeTransition.objects.filter(challenge=challenge).exists()


@pytest.mark.parametrize(("to_status", "message"), [("", "Choose the status to change to."),
                                                    ("bogus", "“bogus” is not a status.")])
def test_the_status_form_and_the_api_refuse_an_unknown_status_alike(people, client, to_status, message):
    challenge = draft(people)
    client.force_login(people["owner"])
    page = client.post(f"/challenges/{challenge.slug}/status/", {"to_status": to_status}, follow=True)
    assert page.status_code == 200 and message in page.content.decode()
    api = client.post(f"/api/v1/challenges/{challenge.slug}/transition/", {"to_status": to_status},
                      content_type="application/json")
    assert api.status_code == 400 and message in api.content.decode()  # the same check, the same words
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.DRAFT


def test_a_refused_guard_changes_nothing(people, frozen):
    challenge = draft(people)
    frozen(timezone.now() + timedelta(days=40))  # past the deadline: the guard objects
    with pytest.raises(ValidationError, match="deadline in the future"):
        services.challenge_transition(actor=people["owner"], challenge=challenge, to_status="published")
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.DRAFT and challenge.published_at is None


def test_a_draft_s_page_views_are_not_counted_as_reach(people):
    """The rule moved from the detail view into the service, so every caller keeps it."""
    from northern_connections.challenges.models import ChallengeView

    challenge = draft(people)
    services.challenge_view_record(challenge=challenge, user=people["sme"])
    assert not ChallengeView.objects.filter(challenge=challenge).exists()
