"""The synergy measure on hand-computed examples (the arithmetic is in each test's docstring)."""

import pytest

from northern_connections.strategy.synergy import (
    ActivityGroup,
    Links,
    Priority,
    Profile,
    compare,
    joint_activity,
    region_of,
    similarity,
    similarity_matrix,
    strongest_group,
    strongest_pairs,
    untapped_pairs,
    weighted_jaccard,
)


def priority(*domains, weight=1.0):
    return Priority(frozenset(domains), weight)


# A: {D, offshore wind} and {C, sustainable innovation}; B (weight 2): {D, offshore wind, hydrogen};
# C: {D} with weight 3 and {F} with weight 1.
A = Profile("DK03", (priority("economic:D", "chain:offshore-wind"), priority("economic:C", "policy:SUS")))
B = Profile("NO0A", (priority("economic:D", "chain:offshore-wind", "chain:hydrogen", weight=2),))
C = Profile("SE23", (priority("economic:D", weight=3), priority("economic:F")))


def test_shares_sum_to_one_per_dimension():
    assert A.shares() == {"economic:D": 0.5, "economic:C": 0.5, "chain:offshore-wind": 1.0, "policy:SUS": 1.0}
    assert B.shares() == {"economic:D": 1.0, "chain:offshore-wind": 0.5, "chain:hydrogen": 0.5}
    assert C.shares() == {"economic:D": 0.75, "economic:F": 0.25}


def test_weighted_jaccard():
    assert weighted_jaccard({"x": 0.5, "y": 0.5}, {"x": 1.0}) == pytest.approx(0.5 / 1.5)
    assert weighted_jaccard({}, {}) == 0.0
    assert weighted_jaccard({"x": 1.0}, {"y": 1.0}) == 0.0


def test_similarity_by_hand():
    """economic: min .5 / max (1 + .5) = 1/3; chain: .5 / (1 + .5) = 1/3; policy: 0 / 1 = 0; scientific:
    used by neither, left out. Mean of three: 2/9."""
    assert similarity(A, B) == pytest.approx(2 / 9)
    assert similarity(B, A) == pytest.approx(2 / 9)
    # B and C: economic .75 / (1 + .25) = .6; chain only B: 0 -> .3
    assert similarity(B, C) == pytest.approx(0.3)
    # A and C: economic .5 / 1.5; chain 0; policy 0 -> 1/9
    assert similarity(A, C) == pytest.approx(1 / 9)


def test_identical_and_disjoint_profiles():
    twin = Profile("XX", A.priorities)
    assert similarity(A, twin) == pytest.approx(1.0)
    other = Profile("YY", (priority("scientific:07"),))
    assert similarity(A, other) == 0.0
    assert similarity(Profile("E1", ()), Profile("E2", ())) == 0.0


def test_dimension_weights_change_the_mean():
    """Only the chain dimension counts: 1/3."""
    assert similarity(A, B, {"chain": 1.0}) == pytest.approx(1 / 3)


def test_shared_and_complementary_domains():
    comparison = compare(A, B)
    assert comparison.shared == ("chain:offshore-wind", "economic:D")
    # A's first priority meets B's on D and offshore wind: B brings hydrogen to that theme; A's second
    # priority (C, sustainable innovation) meets none of B's, so it complements nothing.
    assert comparison.a_complements == ()
    assert comparison.b_complements == ("chain:hydrogen",)
    assert comparison.per_dimension == pytest.approx({"economic": 1 / 3, "policy": 0.0, "chain": 1 / 3})


def test_matrix_is_symmetric_with_empty_diagonal():
    matrix = similarity_matrix([A, B, C])
    assert matrix[0][0] is None and matrix[1][1] is None
    assert matrix[0][1] == matrix[1][0] == pytest.approx(2 / 9)
    assert matrix[1][2] == pytest.approx(0.3)


def test_strongest_pairs_and_group_for_a_domain():
    """Shares of D: A .5, B 1, C .75: pairs min(.,.) = B-C .75, A-B .5, A-C .5."""
    pairs = strongest_pairs([A, B, C], "economic:D")
    assert [(p.a, p.b, p.strength) for p in pairs] == [("NO0A", "SE23", 0.75), ("DK03", "NO0A", 0.5),
                                                        ("DK03", "SE23", 0.5)]
    assert strongest_group([A, B, C], "economic:D", size=2).regions == ("NO0A", "SE23")
    group = strongest_group([A, B, C], "economic:D", size=3)
    assert group.regions == ("DK03", "NO0A", "SE23") and group.strength == 0.5
    assert strongest_group([A, B, C], "chain:hydrogen", size=2) is None


def test_region_of_takes_the_longest_prefix():
    regions = ["DK", "DK03", "NO0A"]
    assert region_of("DK032", regions) == "DK03"
    assert region_of("DK011", regions) == "DK"
    assert region_of("SE23", regions) is None
    assert region_of(None, regions) is None


def test_joint_activity_links_regions_meeting_in_a_group():
    where = {1: "DK03", 2: "NO0A", 3: "NO0A", 4: None}.get
    links = joint_activity([ActivityGroup("challenge", "c1", frozenset({1, 2, 3, 4})),
                            ActivityGroup("event", "e1", frozenset({1, 3})),
                            ActivityGroup("event", "e2", frozenset({2, 3}))], where)
    assert links.between("NO0A", "DK03") == {"challenge": 1, "event": 1}
    assert links.total("DK03", "NO0A") == 2
    assert list(links.by_pair) == [("DK03", "NO0A")]  # two organisations of one region are no link


def test_untapped_pairs():
    """A-B (2/9) met in a challenge; B-C (.3) and A-C (1/9) never met."""
    links = Links({("DK03", "NO0A"): {"challenge": 1}})
    assert [(c.a, c.b) for c in untapped_pairs([A, B, C], links, threshold=0.2)] == [("NO0A", "SE23")]
    found = untapped_pairs([C, B, A], links, threshold=0.1)
    assert [(c.a, c.b) for c in found] == [("NO0A", "SE23"), ("DK03", "SE23")]
    assert untapped_pairs([A, B, C], Links(), threshold=0.2)[1].similarity == pytest.approx(2 / 9)
