"""The demo knowledge centre: 60+ cases from 8+ countries in 4+ languages, 30 toolbox items with two modules,
50 SME results; loads twice to the same."""

from northern_connections.core.search import search_filter
from northern_connections.directory.demo import PARTNERS
from northern_connections.directory.tests.factories import OrganisationFactory
from northern_connections.knowledge import demo
from northern_connections.knowledge.models import Assessment, ProcurementCase, ToolboxItem


def test_the_demo_is_big_enough_idempotent_and_searchable(db, vocabulary, make_user):
    make_user("admin@example.org", superuser=True)
    partners = [OrganisationFactory(slug=slug, name=name, short_name=short, kind=kind, country=country, city=city)
                for slug, name, short, kind, country, city, *_ in PARTNERS]
    assert partners
    for n in range(55):
        OrganisationFactory(kind="sme", source="demo", slug=f"demo-sme-{n:02d}")
    first = demo.load(seed=3)
    assert first["cases"] >= 60 and first["countries"] >= 8 and first["languages"] >= 4
    assert first["toolbox_items"] == 30 and ToolboxItem.objects.filter(kind="module").count() == 2
    assert first["assessments"] == 50 and Assessment.objects.filter(status="completed").count() == 50
    count = ProcurementCase.objects.count()
    assert demo.load(seed=3) == first and ProcurementCase.objects.count() == count
    # a Danish query with an inflected form finds the Danish cases, an English one the same cases
    danish = search_filter(ProcurementCase.objects.filter(language="da"), "varmepumperne")
    assert danish.exists()
    assert set(danish) <= set(search_filter(ProcurementCase.objects.all(), "heat pumps"))
