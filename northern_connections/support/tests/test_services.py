"""Rules of the support map's services: who writes, the life cycle, verification, the coverage feed."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from northern_connections.core.permissions import CHANGE, VIEW, can
from northern_connections.directory.models import NutsRegion, ValueChain
from northern_connections.directory.tests.factories import OrganisationFactory
from northern_connections.support import selectors, services
from northern_connections.support.models import SupportMeasure
from northern_connections.support.permissions import VERIFY

from .factories import SupportMeasureFactory


def fields(**extra):
    return {"name": "Offshore O&M voucher", "summary_en": "Vouchers for O&M pilots.", "kind": "voucher",
            "scope": "regional", "areas": list(NutsRegion.objects.filter(code="DK03")), "eligibility": "any",
            "value_chains": list(ValueChain.objects.filter(slug="offshore-wind")), "trl_min": 6, "trl_max": 8,
            "target_groups": ["sme"], "continuous": True, **extra}


def test_a_provider_creates_a_draft_of_its_own_organisation(map_people):
    measure = services.measure_create(actor=map_people.users["provider"], provider=map_people.region, **fields())
    assert measure.is_draft and measure.slug == "offshore-om-voucher"
    assert can(map_people.users["provider"], CHANGE, measure)
    assert not SupportMeasure.objects.restrict(map_people.outsider, VIEW).filter(pk=measure.pk).exists()
    assert not SupportMeasure.objects.restrict(None, VIEW).filter(pk=measure.pk).exists()


def test_nobody_adds_measures_for_an_organisation_they_do_not_edit(map_people):
    with pytest.raises(PermissionDenied):
        services.measure_create(actor=map_people.outsider, provider=map_people.region, **fields())


def test_an_sme_is_not_a_provider_and_an_unverified_body_is_not_yet(map_people):
    with pytest.raises(PermissionDenied):  # the outsider edits an SME: not a provider kind
        services.measure_create(actor=map_people.outsider, provider=map_people.other_organisation, **fields())
    map_people.region.verification_status = "unverified"
    map_people.region.save()
    with pytest.raises(PermissionDenied):
        services.measure_create(actor=map_people.users["provider"], provider=map_people.region, **fields())
    # A platform administrator passes the gate, but the service still wants a verified provider kind.
    with pytest.raises(ValidationError, match="verified"):
        services.measure_create(actor=map_people.admin, provider=map_people.region, **fields())


@pytest.mark.parametrize(("scope", "codes", "ok"), [
    ("regional", ["DK03"], True), ("regional", ["DK"], False), ("national", ["DK"], True),
    ("national", ["DK", "NO"], False), ("transnational", ["DK", "NO"], True), ("transnational", ["DK"], False),
    ("transnational", ["DK", "SE23"], False), ("regional", [], False)])
def test_areas_fit_the_geographic_scope(map_people, scope, codes, ok):
    data = fields(scope=scope, areas=list(NutsRegion.objects.filter(code__in=codes)))
    if ok:
        services.measure_create(actor=map_people.users["provider"], provider=map_people.region, **data)
    else:
        with pytest.raises(ValidationError):
            services.measure_create(actor=map_people.users["provider"], provider=map_people.region, **data)


def test_an_inverted_trl_range_and_a_deadline_on_a_continuous_measure_are_refused(map_people):
    with pytest.raises(ValidationError) as error:
        services.measure_create(actor=map_people.users["provider"], provider=map_people.region,
                                **fields(trl_min=8, trl_max=6, deadline=date(2030, 1, 1)))
    assert set(error.value.message_dict) == {"trl_max", "deadline"}


def test_providers_edit_only_their_own_measures(map_people):
    measure = SupportMeasureFactory(provider=map_people.region)
    services.measure_update(actor=map_people.users["provider"], measure=measure, name="Renamed")
    for user in (map_people.outsider, map_people.member):
        with pytest.raises(PermissionDenied):
            services.measure_update(actor=user, measure=measure, name="Taken over")


def test_publication_needs_a_verified_provider_an_english_summary_and_a_future_deadline(map_people, frozen):
    frozen(datetime(2026, 6, 1, tzinfo=UTC))
    measure = SupportMeasureFactory(provider=map_people.region, status="draft", summary_en="", continuous=False,
                                    deadline=date(2026, 5, 1))
    with pytest.raises(ValidationError) as error:
        services.measure_transition(actor=map_people.users["provider"], measure=measure, to_status="published")
    assert len(error.value.messages) == 2
    services.measure_update(actor=map_people.users["provider"], measure=measure, summary_en="Grants.",
                            deadline=date(2026, 9, 1))
    published = services.measure_transition(actor=map_people.users["provider"], measure=measure,
                                             to_status="published")
    assert published.is_counted and published.transitions.count() == 1


def test_only_drafts_are_deleted(map_people):
    published = SupportMeasureFactory(provider=map_people.region)
    with pytest.raises(ValidationError):
        services.measure_delete(actor=map_people.users["provider"], measure=published)
    draft = SupportMeasureFactory(provider=map_people.region, status="draft")
    services.measure_delete(actor=map_people.users["provider"], measure=draft)
    assert not SupportMeasure.objects.filter(pk=draft.pk).exists()


def test_coordinators_verify_and_providers_do_not(map_people, frozen):
    frozen(datetime(2026, 6, 1, 12, tzinfo=UTC))
    measure = SupportMeasureFactory(provider=map_people.region)
    assert not can(map_people.users["provider"], VERIFY, measure)
    with pytest.raises(PermissionDenied):
        services.measure_verify(actor=map_people.users["provider"], measure=measure)
    with pytest.raises(PermissionDenied):
        services.measure_verify(actor=map_people.outsider, measure=measure)
    verified = services.measure_verify(actor=map_people.member, measure=measure)  # the lead partner's admin
    assert verified.last_verified == date(2026, 6, 1) and verified.verified_by == map_people.member


def test_an_unverified_lead_partner_is_no_coordinator(map_people):
    map_people.organisation.verification_status = "unverified"
    map_people.organisation.save()
    assert not can(map_people.member, VERIFY, SupportMeasureFactory(provider=map_people.region))


def test_the_coverage_feed_holds_published_measures_only(map_people):
    published = SupportMeasureFactory(provider=map_people.region, areas=["DK03", "DK032"], trl_max=None)
    SupportMeasureFactory(provider=map_people.region, status="draft")
    SupportMeasureFactory(provider=map_people.region, status="closed")
    measures = selectors.coverage_measures()
    assert [m.id for m in measures] == [published.pk]
    assert measures[0] == published.as_coverage()
    assert measures[0].areas == ("DK03", "DK032") and measures[0].high == 9


def test_edits_are_in_the_audit_trail(map_people):
    from northern_connections.core.audit import history_for

    measure = SupportMeasureFactory(provider=map_people.region)
    services.measure_update(actor=map_people.users["provider"], measure=measure, name="Renamed measure")
    entries = history_for(measure, map_people.member)  # coordinators read the trail
    assert any(change.new == "Renamed measure" for entry in entries for change in entry.changes)
    with pytest.raises(PermissionDenied):
        history_for(measure, map_people.outsider)


def test_a_measure_of_another_sme_kind_provider_is_never_listed_for_outsiders(map_people):
    sme = OrganisationFactory(kind="sme")
    assert not selectors.measure_list(actor=map_people.outsider).filter(provider=sme).exists()
