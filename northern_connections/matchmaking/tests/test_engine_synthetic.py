"""The synthetic organisation generator (used by demo data and the benchmark) and the engine on it."""

from __future__ import annotations

from northern_connections.directory import vocabularies as v
from northern_connections.directory.synthetic import CITIES, generate_organisations
from northern_connections.matchmaking.engine import Document, MatchingEngine, Query

KEYS = {"name", "short_name", "kind", "country", "city", "description", "description_language", "value_chains",
        "value_chain_steps", "trl", "nace_codes", "languages", "activity"}


def test_generator_is_deterministic_and_valid():
    orgs = generate_organisations(300, seed=5)
    assert orgs == generate_organisations(300, seed=5)
    assert orgs != generate_organisations(300, seed=6)
    chains, steps = {s for s, _ in v.VALUE_CHAINS}, {s for s, _ in v.VALUE_CHAIN_STEPS}
    kinds, langs = {k for k, _ in v.ORGANISATION_KINDS}, {code for code, _ in v.LANGUAGES}
    for o in orgs:
        assert set(o) == KEYS
        assert o["kind"] in kinds and o["country"] in v.PARTNER_COUNTRIES
        assert o["city"] in CITIES[o["country"]]
        assert o["description_language"] in langs and set(o["languages"]) <= langs
        assert o["value_chains"] and set(o["value_chains"]) <= chains
        assert o["value_chain_steps"] and set(o["value_chain_steps"]) <= steps
        assert 1 <= o["trl"] <= 9 and isinstance(o["activity"], int) and o["activity"] >= 0
        assert all(c.replace(".", "").isdigit() and "." in c for c in o["nace_codes"])
    acts = sorted(o["activity"] for o in orgs)
    assert acts[len(acts) // 2] <= 2 and acts[-1] >= 20  # heavy tail
    assert len({o["description_language"] for o in orgs}) == 6


def test_engine_finds_synthetic_profiles_in_their_language():
    orgs = generate_organisations(400, seed=1)
    docs = [Document(id=str(i), fields={"name": o["name"], "text": o["description"]},
                     tags={"value_chains": o["value_chains"]}, trl=o["trl"], kind=o["kind"], country=o["country"],
                     activity=o["activity"]) for i, o in enumerate(orgs)]
    engine = MatchingEngine.build(docs)
    res = engine.search(Query(text="fjernvarme og varmepumper", tags={"value_chains": ["heating-cooling"]}))
    assert res and "heating-cooling" in orgs[int(res[0].id)]["value_chains"]
    assert "fjernvarme" in res[0].why or "varmepumper" in res[0].why
