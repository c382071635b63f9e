"""Indexing one object in several languages, and highlighted snippets (core/search.py, core/text.py)."""

from northern_connections.core import search
from northern_connections.core.text import snippet
from northern_connections.directory.models import Organisation


def test_an_object_indexed_in_two_languages_is_found_by_inflected_words_of_both(people):
    organisation = people.organisation
    search.index_object_parts(organisation, [("Kommunen købte nye varmepumper til skolerne", "da"),
                                             ("The municipality bought heat pumps for its schools", "en")])
    every = Organisation.objects.all()
    assert search.search_filter(every, "varmepumpe skole").filter(pk=organisation.pk).exists()
    assert search.search_filter(every, "heat pump").filter(pk=organisation.pk).exists()
    assert not search.search_filter(every, "hydrogen").filter(pk=organisation.pk).exists()


def test_bulk_index_parts_replaces_earlier_entries(people):
    organisation = people.organisation
    search.index_object(organisation, "old words only", "en")
    assert search.bulk_index_parts([(organisation, [("neue Wärmepumpen", "de"), ("", "en")])]) == 1
    every = Organisation.objects.all()
    assert search.search_filter(every, "Wärmepumpe").filter(pk=organisation.pk).exists()
    assert not search.search_filter(every, "old").filter(pk=organisation.pk).exists()


def test_snippet_marks_inflected_matches_and_cuts_around_the_first():
    text = "Indledning. " + "fyld " * 60 + "Kommunen indkøbte elektriske færger til havnen. " + "mere " * 60
    pieces = snippet(text, "færge", "da", width=120)
    assert ("færger", True) in pieces
    assert pieces[0] == ("… ", False) and pieces[-1] == (" …", False)
    assert len("".join(p for p, _ in pieces)) <= 130


def test_highlighted_snippet_escapes_the_text():
    html = search.highlighted_snippet("<b>Heat pumps</b> & more", "pump", "en")
    assert html == "&lt;b&gt;Heat <mark>pumps</mark>&lt;/b&gt; &amp; more"


def test_snippet_without_a_match_is_the_start_of_the_text():
    assert snippet("A short text.", "hydrogen", "en") == [("A short text.", False)]


def test_ranked_ids_by_model_equals_each_models_own_ranking(people):
    from northern_connections.accounts.models import User
    from northern_connections.directory.tests.factories import OrganisationFactory

    texts = ["wind wind turbine blades", "wind farm service", "solar panels", "wind"]
    for n, text in enumerate(texts):
        search.index_object(OrganisationFactory(slug=f"ranked-{n}"), text, "en")
    for user, text in zip(User.objects.order_by("pk"), ["wind turbine", "no match here", "wind"], strict=False):
        search.index_object(user, text, "en")
    querysets = {"orgs": Organisation.objects.all(), "users": User.objects.all(),
                 "few": Organisation.objects.filter(slug__in=["ranked-1", "ranked-2"])}
    both = search.ranked_ids_by_model({k: v for k, v in querysets.items() if k != "few"}, "wind", limit=2)
    assert both == {"orgs": search.ranked_ids(Organisation.objects.all(), "wind", limit=2),
                    "users": search.ranked_ids(User.objects.all(), "wind", limit=2)}
    assert len(both["orgs"]) == 2 and len(both["users"]) == 2
    assert search.ranked_ids_by_model({"few": querysets["few"]}, "wind", limit=5) == {
        "few": [Organisation.objects.get(slug="ranked-1").pk]}
    assert search.ranked_ids_by_model(querysets, "   ", limit=5) is None


def test_matching_spans_are_the_same_when_remembered():
    from northern_connections.core.text import matching_spans

    text = "Vindmøllerne og vindmøller: heat pumps, pumping"
    first = matching_spans(text, "vindmølle pump", "da")
    assert first == matching_spans(text, "vindmølle pump", "da") and len(first) >= 2
