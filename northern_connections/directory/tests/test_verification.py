"""Verified organisations (issue 9 §1): claims, the one rule for kind-based powers, deciders, held names.

Each test of a refusal failed on the code before verification existed: anyone could register a
municipality called "Göteborgs Stad (official 2)" and publish a challenge in its name.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from northern_connections.accounts.models import Membership
from northern_connections.challenges import services as challenge_services
from northern_connections.challenges.models import Challenge
from northern_connections.challenges.permissions import OWNER_KINDS
from northern_connections.core.permissions import VIEW
from northern_connections.directory import services
from northern_connections.directory.models import Organisation, Partnership, VerificationRequest
from northern_connections.directory.permissions import DECIDE

from .factories import OrganisationFactory, PartnerFactory, PartnershipFactory

IMPOSTOR = "Göteborgs Stad (official 2)"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def goteborg(db):
    """The verified city, partner of a partnership."""
    city = OrganisationFactory(kind="municipality", country="SE", name="Göteborgs Stad", short_name="Göteborg",
                               slug="goteborgs-stad", website="https://goteborg.se")
    PartnerFactory(organisation=city, partnership=PartnershipFactory(slug="nc"))
    return city


@pytest.fixture
def newcomer(make_user):
    return make_user("newcomer@mail.example")


def _challenge_fields(owner):
    return {"owner": owner, "title": "Smart belysning", "summary": "Vi söker smart gatubelysning.",
            "title_en": "Smart street lighting", "summary_en": "We look for smart street lighting.",
            "language": "sv", "time_zone": "Europe/Stockholm",
            "application_deadline": timezone.now() + timedelta(days=20),
            "criteria": [{"name": "Innovation", "weight": 100}]}


def _unverified_city(actor, name="Mölndals Stad"):
    return services.organisation_create(actor=actor, name=name, kind="municipality", country="SE",
                                        website="https://molndal.se")


# --- claims and the held name ---------------------------------------------------------------------------------


def test_a_new_organisation_is_unverified(newcomer):
    organisation = _unverified_city(newcomer)
    assert organisation.verification_status == "unverified"
    assert not organisation.is_verified
    assert not organisation.has_verified_kind(OWNER_KINDS)


def test_a_name_close_to_a_verified_one_is_held_and_hidden(goteborg, newcomer, client):
    organisation = services.organisation_create(actor=newcomer, name=IMPOSTOR, kind="municipality", country="SE")
    assert organisation.is_held
    request = VerificationRequest.objects.get(organisation=organisation, subject="name", status="pending")
    assert request.similar_to == goteborg
    assert not Organisation.objects.restrict(None, VIEW).filter(pk=organisation.pk).exists()
    assert client.get(organisation.get_absolute_url()).status_code == 404
    assert Organisation.objects.restrict(newcomer, VIEW).filter(pk=organisation.pk).exists()  # its own members


@pytest.mark.parametrize("name", ["GÖTEBORGS STAD", "Göteborg", "Goteborgs stad - official", "Göteborgs Stad 2"])
def test_variants_of_a_verified_name_are_held(goteborg, newcomer, name):
    organisation = services.organisation_create(actor=newcomer, name=name, kind="municipality", country="SE")
    assert organisation.is_held


def test_a_name_close_only_to_an_unverified_one_is_not_held(newcomer, make_user):
    _unverified_city(newcomer)
    other = services.organisation_create(actor=make_user("b@example.org"), name="Mölndals stad (official)",
                                         kind="municipality", country="SE")
    assert not other.is_held


def test_renaming_into_a_verified_name_holds_the_organisation(goteborg, newcomer):
    organisation = _unverified_city(newcomer)
    organisation = services.organisation_update(actor=newcomer, organisation=organisation, short_name="Göteborg")
    assert organisation.is_held


def test_only_a_platform_administrator_approves_a_held_name(goteborg, newcomer, make_user):
    organisation = services.organisation_create(actor=newcomer, name=IMPOSTOR, kind="municipality", country="SE")
    request = VerificationRequest.objects.get(organisation=organisation, subject="name")
    city_admin = make_user("admin@goteborg.se")
    Membership.objects.create(user=city_admin, organisation=goteborg, role="admin")
    with pytest.raises(PermissionDenied):
        services.verification_request_decide(actor=city_admin, request=request, approve=True)
    services.verification_request_decide(actor=make_user("root@example.org", superuser=True), request=request,
                                         approve=True, reason="A district office, checked by phone.")
    organisation.refresh_from_db()
    assert organisation.name_review == "approved" and not organisation.is_held
    assert not organisation.is_verified  # the name is approved; the kind still needs verification


# --- the power to own and publish challenges ------------------------------------------------------------------


def test_regression_impostor_cannot_own_a_challenge(goteborg, newcomer):
    organisation = services.organisation_create(actor=newcomer, name=IMPOSTOR, kind="municipality", country="SE")
    with pytest.raises(ValidationError, match="held until a platform administrator approves its name"):
        challenge_services.challenge_create(actor=newcomer, **_challenge_fields(organisation))
    assert not Challenge.objects.filter(owner=organisation).exists()


def test_regression_unverified_city_drafts_but_cannot_publish(newcomer):
    """Drafts are allowed (private, prepared while verification is pending); publishing is refused."""
    organisation = _unverified_city(newcomer)
    challenge = challenge_services.challenge_create(actor=newcomer, **_challenge_fields(organisation))
    with pytest.raises(ValidationError, match="not verified as a public authority or cluster"):
        challenge_services.challenge_transition(actor=newcomer, challenge=challenge, to_status="published")
    challenge.refresh_from_db()
    assert challenge.status == "draft"


def test_regression_impostor_cannot_publish_through_the_page(goteborg, newcomer, client):
    organisation = services.organisation_create(actor=newcomer, name=IMPOSTOR, kind="municipality", country="SE")
    client.force_login(newcomer)
    fields = _challenge_fields(organisation)
    data = {**{k: v for k, v in fields.items() if k not in ("owner", "criteria", "application_deadline")},
            "owner": organisation.pk, "application_deadline": fields["application_deadline"].strftime("%Y-%m-%dT%H:%M"),
            "route": "pcp", "currency": "SEK", "max_consortium_size": 3}
    response = client.post(reverse("challenges:challenge_add"), data)
    assert response.status_code == 400
    assert "held until a platform administrator approves its name" in response.content.decode()
    assert not Challenge.objects.filter(owner=organisation).exists()


def test_regression_unverified_city_cannot_publish_through_page_or_api(newcomer, client):
    organisation = _unverified_city(newcomer)
    challenge = challenge_services.challenge_create(actor=newcomer, **_challenge_fields(organisation))
    client.force_login(newcomer)
    response = client.post(reverse("challenges:challenge_transition", args=[challenge.slug]),
                           {"to_status": "published"}, follow=True)
    assert "not verified as a public authority or cluster" in response.content.decode()
    response = client.post(reverse("api:v1:challenge-transition", args=[challenge.slug]),
                           {"to_status": "published"}, content_type="application/json")
    assert response.status_code == 400
    assert "not verified" in str(response.json())
    challenge.refresh_from_db()
    assert challenge.status == "draft"


def test_regression_impostor_cannot_create_a_challenge_through_the_api(goteborg, newcomer, client):
    organisation = services.organisation_create(actor=newcomer, name=IMPOSTOR, kind="municipality", country="SE")
    client.force_login(newcomer)
    fields = _challenge_fields(organisation)
    payload = {**{k: v for k, v in fields.items() if k != "application_deadline"}, "owner": organisation.slug,
               "application_deadline": fields["application_deadline"].isoformat()}
    response = client.post(reverse("api:v1:challenge-list"), payload, content_type="application/json")
    assert response.status_code == 400
    assert not Challenge.objects.filter(owner=organisation).exists()


def test_a_verified_city_publishes(goteborg, make_user):
    officer = make_user("officer@goteborg.se")
    Membership.objects.create(user=officer, organisation=goteborg, role="admin")
    challenge = challenge_services.challenge_create(actor=officer, **_challenge_fields(goteborg))
    challenge = challenge_services.challenge_transition(actor=officer, challenge=challenge, to_status="published")
    assert challenge.status == "published"


# --- changing claims ------------------------------------------------------------------------------------------


def test_regression_kind_change_resets_verification(goteborg, make_user):
    officer = make_user("officer@goteborg.se")
    Membership.objects.create(user=officer, organisation=goteborg, role="admin")
    with pytest.raises(ValidationError) as refused:
        services.organisation_update(actor=officer, organisation=goteborg, kind="regional_authority")
    assert "confirm_unverify" in refused.value.message_dict
    goteborg.refresh_from_db()
    assert goteborg.kind == "municipality" and goteborg.is_verified
    services.organisation_update(actor=officer, organisation=goteborg, kind="regional_authority",
                                 confirm_unverify=True)
    goteborg.refresh_from_db()
    assert goteborg.verification_status == "lapsed"
    assert not goteborg.has_verified_kind(OWNER_KINDS)


@pytest.mark.parametrize(("field", "value"), [("name", "Göteborgs kommun"), ("country", "NO")])
def test_name_or_country_change_lapses_verification(goteborg, make_user, field, value):
    officer = make_user("officer@goteborg.se")
    Membership.objects.create(user=officer, organisation=goteborg, role="admin")
    extra = {"nuts_region": None} if field == "country" else {}
    services.organisation_update(actor=officer, organisation=goteborg, confirm_unverify=True, **{field: value},
                                 **extra)
    goteborg.refresh_from_db()
    assert goteborg.verification_status == "lapsed"


def test_other_edits_keep_verification(goteborg, make_user):
    officer = make_user("officer@goteborg.se")
    Membership.objects.create(user=officer, organisation=goteborg, role="admin")
    services.organisation_update(actor=officer, organisation=goteborg, city="Göteborg", kind="municipality")
    goteborg.refresh_from_db()
    assert goteborg.is_verified


def test_regression_api_kind_change_needs_confirmation(goteborg, make_user, client):
    officer = make_user("officer@goteborg.se")
    Membership.objects.create(user=officer, organisation=goteborg, role="admin")
    client.force_login(officer)
    url = reverse("api:v1:organisation-detail", args=[goteborg.slug])
    response = client.patch(url, {"kind": "cluster"}, content_type="application/json")
    assert response.status_code == 400 and "confirm_unverify" in response.json()
    goteborg.refresh_from_db()
    assert goteborg.kind == "municipality" and goteborg.is_verified
    response = client.patch(url, {"kind": "cluster", "confirm_unverify": True}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["verification_status"] == "lapsed" and response.json()["verified"] is False


def test_regression_page_kind_change_warns_before_saving(goteborg, make_user, client):
    officer = make_user("officer@goteborg.se")
    Membership.objects.create(user=officer, organisation=goteborg, role="admin")
    client.force_login(officer)
    data = {"name": goteborg.name, "short_name": goteborg.short_name, "kind": "cluster", "country": "SE",
            "languages": "sv"}
    response = client.post(reverse("directory:organisation_edit", args=[goteborg.slug]), data)
    assert response.status_code == 400
    assert "ends the verification" in response.content.decode()
    goteborg.refresh_from_db()
    assert goteborg.kind == "municipality" and goteborg.is_verified
    response = client.post(reverse("directory:organisation_edit", args=[goteborg.slug]),
                           {**data, "confirm_unverify": "on"})
    assert response.status_code == 302
    goteborg.refresh_from_db()
    assert goteborg.verification_status == "lapsed"


# --- requests, evidence and deciders --------------------------------------------------------------------------


def _request(actor, organisation, **extra):
    return services.verification_request_create(actor=actor, organisation=organisation,
                                                website="https://www.molndal.se", **extra)


def test_the_request_records_whether_the_email_domain_matches(make_user):
    official = make_user("anna@molndal.se")
    organisation = _unverified_city(official)
    request = _request(official, organisation)
    assert request.email_domain_matches is True
    assert (request.claimed_kind, request.claimed_name, request.claimed_country) == ("municipality",
                                                                                      "Mölndals Stad", "SE")
    stranger = make_user("x@mail.example")
    other = _unverified_city(stranger, name="Partille kommun")
    assert _request(stranger, other).email_domain_matches is False


def test_the_document_is_checked_by_its_content(newcomer):
    organisation = _unverified_city(newcomer)
    with pytest.raises(ValidationError) as refused:
        _request(newcomer, organisation, document=SimpleUploadedFile("proof.pdf", b"MZ\x90\x00 not a pdf"))
    assert "document" in refused.value.message_dict
    request = _request(newcomer, organisation, document=SimpleUploadedFile("proof.pdf", PDF))
    assert request.document_type == "application/pdf"


def test_only_the_organisations_administrators_request(newcomer, make_user):
    organisation = _unverified_city(newcomer)
    with pytest.raises(PermissionDenied):
        _request(make_user("someone@example.org"), organisation)


def test_one_pending_request_at_a_time(newcomer):
    organisation = _unverified_city(newcomer)
    _request(newcomer, organisation)
    with pytest.raises(ValidationError, match="already waiting"):
        _request(newcomer, organisation)


@pytest.fixture
def partnership_world(db, make_user, newcomer):
    """A requesting city in partnership NC; a verified and an unverified fellow partner; a verified partner of
    another partnership; an outsider."""
    nc, other = PartnershipFactory(slug="nc-p"), PartnershipFactory(slug="other-p")
    organisation = _unverified_city(newcomer)
    PartnerFactory(partnership=nc, organisation=organisation)
    people = {"newcomer": newcomer, "outsider": make_user("outsider@example.org")}
    for key, partnership, status in (("verified_partner", nc, "verified"), ("unverified_partner", nc, "unverified"),
                                     ("other_partnership", other, "verified")):
        fellow = OrganisationFactory(kind="cluster", verification_status=status)
        PartnerFactory(partnership=partnership, organisation=fellow)
        people[key] = make_user(f"{key}@example.org")
        Membership.objects.create(user=people[key], organisation=fellow, role="admin")
    people["request"] = _request(newcomer, organisation)
    return people


@pytest.mark.parametrize("who", ["outsider", "unverified_partner", "other_partnership", "newcomer"])
def test_regression_deciders_outside_the_rule_are_refused(partnership_world, who):
    request = partnership_world["request"]
    with pytest.raises(PermissionDenied):
        services.verification_request_decide(actor=partnership_world[who], request=request, approve=True)
    request.refresh_from_db()
    assert request.is_pending and not request.organisation.is_verified
    assert not VerificationRequest.objects.restrict(partnership_world[who], DECIDE).filter(pk=request.pk).exists()


def test_an_administrator_of_a_verified_fellow_partner_approves(partnership_world, django_capture_on_commit_callbacks):
    request = partnership_world["request"]
    decider = partnership_world["verified_partner"]
    with django_capture_on_commit_callbacks(execute=True):
        services.verification_request_decide(actor=decider, request=request, approve=True, reason="Known partner.")
    request.refresh_from_db()
    organisation = request.organisation
    assert (request.status, request.decided_by, request.reason) == ("approved", decider, "Known partner.")
    assert request.decided_at is not None
    assert organisation.is_verified and organisation.verified_by == decider
    assert organisation.has_verified_kind(OWNER_KINDS)
    assert mail.outbox[-1].to == ["newcomer@mail.example"] and "Known partner." in mail.outbox[-1].body


def test_a_platform_administrator_rejects_with_a_reason(partnership_world, make_user,
                                                          django_capture_on_commit_callbacks):
    request = partnership_world["request"]
    root = make_user("root@example.org", superuser=True)
    with pytest.raises(ValidationError):
        services.verification_request_decide(actor=root, request=request, approve=False, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.verification_request_decide(actor=root, request=request, approve=False,
                                             reason="The website does not name this organisation.")
    request.refresh_from_db()
    assert request.status == "rejected" and not request.organisation.is_verified
    assert "Rejected" in mail.outbox[-1].subject
    # the record is shown to the organisation's administrators
    assert VerificationRequest.objects.restrict(partnership_world["newcomer"], VIEW).filter(pk=request.pk).exists()
    assert not VerificationRequest.objects.restrict(partnership_world["outsider"], VIEW).filter(pk=request.pk).exists()


def test_a_request_whose_claims_changed_is_withdrawn(partnership_world):
    request = partnership_world["request"]
    services.organisation_update(actor=partnership_world["newcomer"], organisation=request.organisation,
                                 kind="regional_authority")
    request.refresh_from_db()
    assert request.status == "withdrawn"


def test_demo_verification_marks_rows_without_a_request(db):
    rows = [OrganisationFactory(verification_status="unverified") for _ in range(2)]
    assert services.organisations_mark_verified(organisations=rows) == 2
    assert all(Organisation.objects.get(pk=o.pk).is_verified for o in rows)


# --- events -----------------------------------------------------------------------------------------------------


def test_regression_an_unverified_city_cannot_publish_an_event_as_a_public_body(newcomer):
    from northern_connections.events.services import event_create, event_publish

    organisation = _unverified_city(newcomer)
    start = timezone.now() + timedelta(days=30)
    event = event_create(actor=newcomer, organisers=[organisation], title="Energidag", summary="Mässa.",
                         venue="Mölndals stadshus", starts_at=start, ends_at=start + timedelta(hours=6))
    with pytest.raises(ValidationError, match="only when that authority is verified"):
        event_publish(actor=newcomer, event=event)
    event.refresh_from_db()
    assert event.status == "draft"


def test_an_unverified_company_publishes_its_event(newcomer):
    """Organising as a company needs no verified kind: the rule is about public bodies."""
    from northern_connections.events.services import event_create, event_publish

    organisation = services.organisation_create(actor=newcomer, name="Mölndal Energi AB", kind="sme", country="SE")
    start = timezone.now() + timedelta(days=30)
    event = event_create(actor=newcomer, organisers=[organisation], title="Demo day", summary="Demo.", venue="Mölndal",
                         starts_at=start, ends_at=start + timedelta(hours=6))
    assert event_publish(actor=newcomer, event=event).status == "published"


# --- demo data ------------------------------------------------------------------------------------------------


def test_the_demo_verifies_its_22_partners(db, settings, monkeypatch, tmp_path):
    """Offline, with the reference facts only (as test_reference_files does): the 22 partners are
    verified. Other apps' demos verify the organisations their powers need (support's funding agencies,
    surveys' municipalities, partnering's consortium members), each through the verification service."""
    import io
    import urllib.error

    from django.core.management import call_command

    from northern_connections.directory import reference_files
    from northern_connections.directory.demo import PARTNERS

    def offline(url):
        raise urllib.error.URLError("offline")

    settings.REFERENCE_DOWNLOADS, settings.VAR_DIR, settings.SHARED_DATA_DIR = True, tmp_path, tmp_path / "none"
    monkeypatch.setattr(reference_files, "fetch", offline)
    call_command("load_reference_data", "--facts-only", stdout=io.StringIO())
    call_command("load_demo_data", stdout=io.StringIO(), stderr=io.StringIO())
    verified = Organisation.objects.filter(verification_status="verified")
    partners = {p[0] for p in PARTNERS}
    assert len(PARTNERS) == 22 and partners <= set(verified.values_list("slug", flat=True))
    clusters = verified.filter(kind="cluster", slug__in=partners)
    assert clusters.count() == sum(1 for p in PARTNERS if p[3] == "cluster")
    assert all(o.is_verified and o.name_key for o in verified)


# --- pages and API of the requests ----------------------------------------------------------------------------


def test_pages_request_queue_and_decide(partnership_world, client, django_capture_on_commit_callbacks):
    newcomer, decider = partnership_world["newcomer"], partnership_world["verified_partner"]
    fresh = _unverified_city(newcomer, name="Härryda kommun")
    PartnerFactory(partnership=Partnership.objects.get(slug="nc-p"), organisation=fresh)
    client.force_login(newcomer)
    response = client.post(reverse("directory:verificationrequest_add", args=[fresh.slug]),
                           {"website": "https://harryda.se", "note": "Town hall"})
    assert response.status_code == 302
    request = VerificationRequest.objects.get(organisation=fresh, subject="identity")
    page = client.get(fresh.get_absolute_url()).content.decode()
    assert "Unverified" in page and "Ask for verification" not in page  # one pending request at a time
    # the outsider's queue is empty; the verified fellow partner's queue lists it, with the domain check
    client.force_login(partnership_world["outsider"])
    assert "Härryda kommun" not in client.get(reverse("directory:verification_queue")).content.decode()
    client.force_login(decider)
    assert "Härryda kommun" in client.get(reverse("directory:verification_queue")).content.decode()
    assert "Record the decision" in client.get(request.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("directory:verificationrequest_decide", args=[request.pk]),
                               {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    fresh.refresh_from_db()
    assert fresh.is_verified
    client.force_login(newcomer)
    page = client.get(fresh.get_absolute_url()).content.decode()
    assert 'class="badge-verified"' in page and "Approved" in page


def test_page_reject_without_reason_is_a_message_not_a_decision(partnership_world, client):
    request = partnership_world["request"]
    client.force_login(partnership_world["verified_partner"])
    response = client.post(reverse("directory:verificationrequest_decide", args=[request.pk]),
                           {"decision": "reject", "reason": ""}, follow=True)
    assert "Say why the request is rejected" in response.content.decode()
    request.refresh_from_db()
    assert request.is_pending


def test_api_decide_and_badge(partnership_world, client):
    request = partnership_world["request"]
    client.force_login(partnership_world["verified_partner"])
    url = reverse("api:v1:verificationrequest-decide", args=[request.pk])
    assert client.post(url, {"approve": False}, content_type="application/json").status_code == 400
    response = client.post(url, {"approve": True, "reason": "Checked."}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "approved"
    detail = client.get(reverse("api:v1:organisation-detail", args=[request.organisation.slug])).json()
    assert detail["verified"] is True and detail["verification_status"] == "verified"


def test_the_public_list_shows_the_badge_only_for_verified_organisations(goteborg, newcomer, client):
    _unverified_city(newcomer)
    html = client.get(reverse("directory:organisation_list")).content.decode()
    assert html.count('class="badge-verified"') == 1


def test_the_api_says_whether_a_challenge_owner_and_event_organisers_are_verified(newcomer, client):
    from northern_connections.challenges.tests.factories import ChallengeFactory
    from northern_connections.events.tests.factories import EventFactory

    verified = ChallengeFactory()
    unverified_owner = _unverified_city(newcomer)
    rows = {r["slug"]: r for r in client.get(reverse("api:v1:challenge-list")).json()["results"]}
    assert rows[verified.slug]["owner_verified"] is True
    event = EventFactory(status="published")
    event.organisers.set([verified.owner, unverified_owner])
    detail = client.get(reverse("api:v1:event-detail", args=[event.slug])).json()
    assert detail["verified_organisers"] == [verified.owner.slug]
