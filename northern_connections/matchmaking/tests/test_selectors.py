"""Rules of the rankings: eligibility excludes, the cross-border preference re-weights, and every
result explains itself. Rankings run through the shared index exactly as pages do."""

from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied

from northern_connections.challenges.services import eligibility_problems
from northern_connections.matchmaking import selectors
from northern_connections.matchmaking.engine import Query

from .factories import OrganisationFactory, challenge


def slugs(results):
    return [r.object.slug for r in results]


def for_sme(market, **filters):
    return selectors.challenges_for_organisation(actor=market.sme_user, organisation=market.sme, **filters)


def test_challenges_for_an_sme_leave_out_those_it_may_not_apply_to(market):
    found = slugs(for_sme(market, cross_border="neutral"))
    assert {"se-heat", "dk-heat"} <= set(found)
    assert "no-heat" not in found  # Norway and Sweden only
    assert "de-heat" not in found  # clusters only
    assert "nl-solar" not in found  # no evidence: another value chain, no shared words


def test_ineligible_ids_agree_with_the_boards_own_eligibility_rule(market):
    from northern_connections.challenges.models import Challenge

    excluded = set(selectors.ineligible_challenge_ids(market.sme))
    for candidate in Challenge.objects.filter(status="published"):
        assert (candidate.pk in excluded) == bool(eligibility_problems(candidate, market.sme)), candidate.slug


def test_smes_only_and_own_challenges_are_excluded(market):
    challenge(market.owner, chains=["heating-cooling"], slug="sme-only", smes_only=True,
              title_en="Heat pumps wanted from SMEs", summary_en="District heating heat pumps.")
    own = challenge(market.sme, chains=["heating-cooling"], slug="own", title_en="Our own heat pump challenge",
                    summary_en="District heating heat pumps.")
    found = slugs(for_sme(market))
    assert "sme-only" in found and "own" not in found
    municipality = OrganisationFactory(kind="municipality", country="DK", description="District heating heat pumps.")
    assert selectors.ineligible_challenge_ids(municipality).count(own.pk) == 0
    assert "sme-only" not in [c for c in slugs(selectors.ranked_objects(
        actor=market.sme_user, kind="challenge",
        query=replace(selectors.challenge_query(selectors.profile_organisation(municipality.pk)), top_k=20)))]


def test_cross_border_preference_reorders_and_only_abroad_filters(market):
    neutral = for_sme(market, cross_border="neutral")
    prefer = for_sme(market, cross_border="prefer")
    only = for_sme(market, cross_border="only")
    score = {mode: {r.object.slug: r.match.breakdown["cross_border"] for r in results}
             for mode, results in (("neutral", neutral), ("prefer", prefer))}
    assert score["neutral"]["se-heat"] == 0 and score["prefer"]["se-heat"] > 0  # Sweden is abroad for a Danish SME
    assert score["prefer"]["dk-heat"] == 0
    assert "dk-heat" not in slugs(only) and "se-heat" in slugs(only)
    assert slugs(prefer).index("se-heat") < slugs(prefer).index("dk-heat")


def test_every_result_explains_itself_in_plain_words(market):
    results = for_sme(market, cross_border="prefer")
    swedish = next(r for r in results if r.object.slug == "se-heat")
    assert "district heating" in swedish.why.lower() or "heat pumps" in swedish.why.lower()
    assert "Heating and cooling" in swedish.why and "abroad" in swedish.why
    assert swedish.matched_terms and {"facet": "value_chains"}.items() <= swedish.facets[0].items()
    assert {row["component"] for row in swedish.breakdown} >= {"lexical", "facets", "activity", "cross_border",
                                                               "total"}


def test_filters_narrow_the_query(market):
    only_sweden = for_sme(market, countries=["SE"])
    assert "se-heat" in slugs(only_sweden) and {r.object.country for r in only_sweden} == {"SE"}
    solar = slugs(for_sme(market, text="photovoltaic tiles", value_chains=["solar"]))
    assert solar[0] == "nl-solar"


def test_recommendations_are_only_for_the_organisations_members(market):
    with pytest.raises(PermissionDenied):
        selectors.challenges_for_organisation(actor=market.owner_user, organisation=market.sme)
    assert for_sme(market)  # its own administrator


def test_organisations_for_a_challenge_follow_its_eligibility(market):
    swedish = selectors.challenge_for_matching(actor=market.owner_user, slug="se-heat")
    results = selectors.organisations_for_challenge(actor=market.owner_user, challenge=swedish)
    found = slugs(results)
    assert found[:1] in (["fjordvarme"], ["delft"]) and "windbau" not in found
    assert market.owner.slug not in found  # the owner itself
    swedish.smes_only = True
    swedish.save()
    swedish = selectors.challenge_for_matching(actor=market.owner_user, slug="se-heat")
    smes = slugs(selectors.organisations_for_challenge(actor=market.owner_user, challenge=swedish))
    assert "delft" not in smes and set(smes) >= {"fjordvarme", market.sme.slug}
    only_no = slugs(selectors.organisations_for_challenge(actor=market.owner_user, challenge=swedish,
                                                          countries=["NO"]))
    assert only_no == ["fjordvarme"]


def test_track_record_counts_as_a_prior(market):
    swedish = selectors.challenge_for_matching(actor=market.owner_user, slug="se-heat")
    results = {r.object.slug: r for r in selectors.organisations_for_challenge(actor=market.owner_user,
                                                                               challenge=swedish)}
    assert results["fjordvarme"].match.breakdown["activity"] > results[market.sme.slug].match.breakdown["activity"]
    assert "25 past collaborations" in results["fjordvarme"].why


def test_cluster_managers_see_organisations_for_challenges_outsiders_do_not(market, make_user):
    from northern_connections.accounts.models import Membership

    swedish = selectors.challenge_for_matching(actor=market.sme_user, slug="se-heat")
    with pytest.raises(PermissionDenied):
        selectors.organisations_for_challenge(actor=market.sme_user, challenge=swedish)
    manager = make_user("manager@cluster.example")
    Membership.objects.create(user=manager, organisation=OrganisationFactory(kind="cluster"), role="member")
    assert selectors.organisations_for_challenge(actor=manager, challenge=swedish)


def test_the_generic_rank_serves_any_kind_and_the_extension_points(market):
    matches = selectors.rank("organisation", Query(text="heat pumps district heating", kinds=["sme"], top_k=5))
    assert {m.id for m in matches} == {str(market.sme.pk), str(market.others.norwegian_sme.pk)}
    assert all(m.why for m in matches)
    partners = selectors.partners_for_request(actor=market.sme_user, text="heat pumps district heating",
                                              country="DK", exclude=[market.sme.pk], cross_border="only", kinds=["sme"])
    assert slugs(partners)[0] == "fjordvarme" and market.sme.slug not in slugs(partners)
    measures = selectors.measures_for_sme(actor=market.sme_user, organisation=market.sme, kind="organisation")
    assert "fjordvarme" in slugs(measures) and "windbau" not in slugs(measures)
    with pytest.raises(LookupError):
        selectors.rank("measure", Query(text="heat"))
