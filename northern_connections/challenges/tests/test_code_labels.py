"""Codes on the challenge page are shown with their labels, never raw (issue 9, item 8)."""

import pytest
from django.conf import settings

from northern_connections.challenges.tests.factories import ChallengeFactory
from northern_connections.directory import imports
from northern_connections.directory.models import CpvCode, EformsCode, NaceCode, NutsRegion
from northern_connections.directory.templatetags.codes import code_label


@pytest.fixture
def procedure_types(db):
    imports.eforms_import([settings.SHARED_DATA_DIR / "eforms" / "procurement-procedure-type.gc"])


@pytest.fixture
def challenge(procedure_types):
    region = NutsRegion.objects.create(code="SE232", name="Västra Götalands län", level=3, country="SE")
    challenge = ChallengeFactory(route="procurement", procedure_type="neg-w-call", nuts_region=region,
                                 eligible_countries=["DK", "NO"], eligible_kinds=["sme", "cluster"])
    challenge.cpv_codes.add(CpvCode.objects.create(code="09300000-2", name="Electricity, heating, solar and nuclear"))
    challenge.nace_codes.add(NaceCode.objects.create(code="D35.3", name="Steam and air conditioning supply", level=3))
    return challenge


def test_the_challenge_page_shows_labels_not_codes(client, challenge):
    """Regression: "Public procurement (eForms procedure type) (neg-w-call)"."""
    page = client.get(challenge.get_absolute_url()).content.decode()
    assert "(neg-w-call)" not in page
    assert "Negotiated with prior publication of a call for competition" in page
    assert "Västra Götalands län (SE232)" in page
    assert "Electricity, heating, solar and nuclear (09300000-2)" in page
    assert "Steam and air conditioning supply (D35.3)" in page
    assert "Denmark, Norway" in page and "DK, NO" not in page


def test_the_procedure_type_is_in_the_readers_language_where_the_list_has_it(client, challenge):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    page = client.get(challenge.get_absolute_url()).content.decode()
    assert "Udbud med forhandling" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"  # no Norwegian in the EU list: English
    page = client.get(challenge.get_absolute_url()).content.decode()
    assert "Negotiated with prior publication" in page


def test_the_import_keeps_the_labels_of_our_languages(procedure_types):
    entry = EformsCode.objects.get(list_name="procurement-procedure-type", code="neg-w-call")
    assert set(entry.names) == {"da", "de", "nl", "sv"}
    assert entry.label("de").startswith("Verhandlungsverfahren")
    assert entry.label("nb") == entry.name


def test_an_unknown_code_is_shown_as_it_is(db):
    assert code_label("no-such-procedure", "procedure") == "no-such-procedure"
    assert code_label("XX99", "nuts") == "XX99"
    assert code_label("", "procedure") == ""
