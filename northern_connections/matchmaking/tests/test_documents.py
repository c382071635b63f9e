"""Engine documents from the database: what goes into them, and in a constant number of queries."""

from northern_connections.matchmaking.documents import challenge_documents, organisation_documents

from .factories import challenge, organisation


def test_an_organisation_document_carries_its_profile(db):
    from northern_connections.directory.models import NaceCode, NutsRegion

    region = NutsRegion.objects.create(code="DK032", name="Sydjylland", level=3, country="DK")
    sme = organisation(name="Varme ApS", short_name="VA", country="DK", kind="sme", nuts_region=region, trl=7,
                       description="Vi laver varmepumper.", description_language="da", languages=["da", "en"],
                       past_projects=12, chains=["heating-cooling"], steps=["manufacturing-components"])
    sme.nace_codes.set([NaceCode.objects.create(code="28.25", name="Cooling and ventilation", level=4)])
    [doc] = organisation_documents([sme.pk])
    assert doc.id == str(sme.pk) and doc.fields == {"name": "Varme ApS (VA)", "text": "Vi laver varmepumper."}
    assert doc.tags["value_chains"] == ("heating-cooling",) and doc.tags["steps"] == ("manufacturing-components",)
    assert doc.tags["nace"] == ("28.25",) and doc.tags["region"] == ("DK032",) and doc.tags["languages"] == ("da", "en")
    assert (doc.trl, doc.kind, doc.country, doc.is_sme, doc.activity, doc.language) == (
        7, "sme", "DK", True, 12.0, "da")


def test_only_published_challenges_are_documents_with_their_trl_range(people):
    owner = people.organisation
    published = challenge(owner, chains=["heating-cooling"], trl=(6, 8), slug="pub", language="sv",
                          title="Värmepumpar", title_en="Heat pumps")
    challenge(owner, slug="draft", status="draft")
    docs = {d.id: d for d in challenge_documents()}
    assert str(published.pk) in docs and all(d.id != "draft" for d in docs.values())
    doc = docs[str(published.pk)]
    assert doc.fields["name"] == "Heat pumps" and doc.fields["original"] == "Värmepumpar"
    assert doc.tags["trl_level"] == ("6", "7", "8") and doc.tags["languages"] == ("en", "sv")
    assert doc.country == "SE" and doc.kind == "municipality" and doc.language == "en"


def test_documents_load_in_a_constant_number_of_queries(db, django_assert_num_queries):
    for n in range(3):
        organisation(name=f"Small {n}", chains=["heating-cooling", "solar"])
    with django_assert_num_queries(4):
        assert len(list(organisation_documents())) == 3
    for n in range(30):
        organisation(name=f"Large {n}", chains=["heating-cooling"], steps=["operation-maintenance"])
    with django_assert_num_queries(4):
        assert len(list(organisation_documents())) == 33
