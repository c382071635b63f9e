"""The name normaliser and the e-mail domain check, with real names of the partnership's region."""

import pytest

from northern_connections.directory.trust import comparable_keys, domain_matches, host_of, name_key, suffix_base_key


@pytest.mark.parametrize(("first", "second"), [
    ("Göteborgs Stad", "GÖTEBORGS STAD"),
    ("Göteborgs Stad", "Goteborgs stad"),
    ("Göteborgs Stad", "Göteborg"),  # the genitive before "Stad" and the word "Stad" itself
    ("Stockholms stad", "Stockholm"),
    ("Esbjerg Kommune", "Esbjerg kommune"),
    ("Aalborg Kommune", "Aalborg"),
    ("Stavanger kommune", "Stavanger Kommune"),
    ("Energy Cluster Denmark", "Energy-Cluster Denmark A/S"),
    ("Ørsted A/S", "Orsted AS"),
    ("WAB e.V.", "WAB eV"),
    ("Stadt Oldenburg", "Oldenburg"),
    ("Freie Hansestadt Bremen", "Bremen"),
    ("City of Aberdeen", "Aberdeen City Council"),
    ("Gemeente Groningen", "Groningen"),
    ("Volvo AB (publ)", "AB Volvo"),
    ("Siemens Gamesa Renewable Energy GmbH", "Siemens Gamesa Renewable Energy"),
])
def test_names_easily_taken_for_each_other_have_the_same_key(first, second):
    assert name_key(first) == name_key(second)


@pytest.mark.parametrize(("first", "second"), [
    ("Göteborgs Stad", "Göteborg Energi AB"),
    ("Aalborg Kommune", "Aalborg Universitet"),
    ("Region Midtjylland", "Region Nordjylland"),
    ("Esbjerg Kommune", "Esbjerg Havn"),
    ("Energy Cluster Denmark", "Energy Cluster Norway"),
])
def test_different_organisations_keep_different_keys(first, second):
    assert name_key(first) != name_key(second)


@pytest.mark.parametrize("impostor", [
    "Göteborgs Stad (official 2)",
    "Göteborgs Stad - official",
    "Göteborgs Stad, officiell",
    "Göteborgs Stad Official 2",
    "Göteborgs stad [real]",
    "Göteborgs Stad 2",
])
def test_a_verified_name_plus_a_suffix_reduces_to_the_verified_name(impostor):
    assert suffix_base_key(impostor) == name_key("Göteborgs Stad")
    assert name_key("Göteborgs Stad") in comparable_keys(impostor)


def test_a_name_without_a_suffix_has_no_suffix_base():
    assert suffix_base_key("Göteborg Energi AB") == ""
    assert suffix_base_key("Energy Cluster Denmark") == ""


def test_a_name_that_is_only_a_legal_form_keeps_it():
    assert name_key("AB") == "ab"
    assert name_key("A/S") == "a s"


def test_short_keys_are_not_compared():
    """A two-letter short name ("RM") would make every "RM" look like Region Midtjylland."""
    assert comparable_keys("RM") == set()


@pytest.mark.parametrize(("email", "website", "matches"), [
    ("anna@goteborg.se", "https://goteborg.se/", True),
    ("anna@goteborg.se", "https://www.goteborg.se", True),
    ("anna@kultur.goteborg.se", "www.goteborg.se", True),
    ("anna@GOTEBORG.SE", "https://goteborg.se:443/start", True),
    ("anna@goteborg-stad.com", "https://goteborg.se", False),
    ("anna@gmail.com", "https://goteborg.se", False),
    ("anna@goteborg.se", "", False),
    ("not-an-address", "https://goteborg.se", False),
    ("anna@se", "https://se", False),
])
def test_email_domain_matches_the_website(email, website, matches):
    assert domain_matches(email, website) is matches


def test_host_of_strips_scheme_www_and_port():
    assert host_of("https://www.Esbjerg.dk:8443/en/") == "esbjerg.dk"
