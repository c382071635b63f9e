"""The shared index: snapshots and the change log keep every process's copy current.

Two `SharedIndex` objects stand for two processes (two web workers, or a web worker and a Celery
worker): each has its own engine in memory and talks to the other only through the database.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from northern_connections.challenges import services as challenge_services
from northern_connections.directory.models import Organisation
from northern_connections.matchmaking import index as shared
from northern_connections.matchmaking import services, tasks
from northern_connections.matchmaking.documents import organisation_documents
from northern_connections.matchmaking.engine import MatchingEngine, Query
from northern_connections.matchmaking.models import IndexChange, IndexSnapshot

from .factories import organisation, vocabulary

HEAT = Query(text="heat pumps for district heating", tags={"value_chains": ["heating-cooling"]}, top_k=10)


def ids(matches):
    return [m.id for m in matches]


def publish_challenge(market, **fields):
    """A challenge created and published through the board's services, as an owner would."""
    owner = market.owner_user
    challenge = challenge_services.challenge_create(
        actor=owner, owner=market.owner, language="en", title=fields.pop("title", "Heat pumps for schools"),
        summary=fields.pop("summary", "Heat pumps and district heating controls for our schools."),
        application_deadline=fields.pop("deadline"), value_chains=[vocabulary().chains["heating-cooling"]],
        criteria=[{"name": "Impact", "weight": 100}], **fields)
    return challenge_services.challenge_transition(actor=owner, challenge=challenge, to_status="published")


def test_changes_are_logged_only_when_the_transaction_commits(market, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sme = organisation(name="Committed ApS", chains=["heating-cooling"])
    logged = set(IndexChange.objects.filter(kind="organisation").values_list("object_id", flat=True))
    assert logged == {str(sme.pk)}

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            organisation(name="Rolled back ApS")
            raise RuntimeError
    assert IndexChange.objects.filter(kind="organisation").count() == len(
        IndexChange.objects.filter(kind="organisation", object_id=str(sme.pk)))


def test_two_processes_see_each_others_updates(market, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    web, worker = shared.SharedIndex("challenge"), shared.SharedIndex("challenge")
    before = ids(web.search(HEAT))
    assert ids(worker.search(HEAT)) == before
    assert IndexSnapshot.objects.filter(kind="challenge").count() == 1  # the worker loaded the web's snapshot

    # Given the web process publishes a new challenge
    with django_capture_on_commit_callbacks(execute=True):
        new = publish_challenge(market, title="Heat pumps and district heating for Malmö schools",
                                deadline=timezone.now() + timedelta(days=30))
    # Then the worker ranks it without any rebuild, and so does the web process
    assert str(new.pk) in ids(worker.search(HEAT))
    assert ids(web.search(HEAT)) == ids(worker.search(HEAT))

    # When the worker's side cancels it, the web process drops it
    with django_capture_on_commit_callbacks(execute=True):
        challenge_services.challenge_transition(actor=market.owner_user, challenge=new, to_status="cancelled")
    assert str(new.pk) not in ids(web.search(HEAT))
    assert ids(web.search(HEAT)) == before
    assert IndexSnapshot.objects.filter(kind="challenge").count() == 1


def test_incremental_updates_rank_exactly_like_a_rebuild(market, django_capture_on_commit_callbacks):
    process = shared.SharedIndex("organisation")
    process.search(HEAT)
    vocab = vocabulary()
    with django_capture_on_commit_callbacks(execute=True):
        added = organisation(name="Varmeteknik ApS", country="DK", chains=["heating-cooling"], past_projects=4,
                             description="Heat pumps for district heating in small towns.")
        market.others.wind.description = "Now also heat pumps for offshore platforms and district heating."
        market.others.wind.save()
        market.others.university.value_chains.add(vocab.chains["offshore-wind"])
        vocab.chains["heating-cooling"].organisation_set.add(market.others.wind)  # the reverse side of the relation
        Organisation.objects.get(slug="fjordvarme").delete()
    incremental = process.search(HEAT)
    rebuilt = MatchingEngine.build(organisation_documents()).search(HEAT)
    assert ids(incremental) == ids(rebuilt) and added.pk and str(added.pk) in ids(incremental)
    assert [round(m.score, 9) for m in incremental] == [round(m.score, 9) for m in rebuilt]
    assert [m.why for m in incremental] == [m.why for m in rebuilt]

    # and a process starting from a rebuilt snapshot agrees as well
    services.match_index_rebuild(kinds=["organisation"])
    assert ids(shared.SharedIndex("organisation").search(HEAT)) == ids(incremental)


def test_a_process_far_behind_loads_the_newest_snapshot(market, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr(shared, "MAX_REPLAY", 3)
    process = shared.SharedIndex("organisation")
    process.search(HEAT)
    first = process.snapshot_id
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            organisation(name=f"Heat {n} ApS", description="Heat pumps for district heating.",
                         chains=["heating-cooling"])
    [snapshot] = services.match_index_rebuild(kinds=["organisation"])
    found = process.search(replace_top(HEAT, 50))
    assert process.snapshot_id == snapshot.pk != first
    assert {o.name for o in Organisation.objects.filter(pk__in=[int(i) for i in ids(found)])} >= {
        f"Heat {n} ApS" for n in range(5)}


def replace_top(query, top_k):
    from dataclasses import replace

    return replace(query, top_k=top_k)


def test_an_entry_that_becomes_visible_late_is_still_applied(market, django_capture_on_commit_callbacks):
    """PostgreSQL hands out ids before commit: entry 2 may become visible after entry 3 was read."""
    process = shared.SharedIndex("organisation")
    process.search(HEAT)
    late = market.others.wind
    with django_capture_on_commit_callbacks(execute=True):
        early = organisation(name="Early ApS", description="Heat pumps.", chains=["heating-cooling"])
    in_flight = IndexChange.objects.create(kind="organisation", object_id=str(late.pk), op="update")
    with django_capture_on_commit_callbacks(execute=True):
        organisation(name="After ApS", description="District heating.", chains=["heating-cooling"])
    # The in-flight entry is not visible yet when the process catches up past it...
    in_flight_id = in_flight.pk
    in_flight.delete()
    process.search(HEAT)
    assert process.last_seen > in_flight_id and str(early.pk) in ids(process.search(HEAT))
    # ...then its transaction commits: the object changed and the entry appears with its old id.
    Organisation.objects.filter(pk=late.pk).update(description="Heat pumps for district heating networks.")
    IndexChange.objects.create(id=in_flight_id, kind="organisation", object_id=str(late.pk), op="update")
    assert str(late.pk) in ids(process.search(HEAT))


def test_a_reset_database_is_noticed(market, monkeypatch):
    process = shared.SharedIndex("organisation")
    process.search(HEAT)
    IndexSnapshot.objects.all().delete()  # e.g. the database was restored from a backup
    monkeypatch.setattr(shared, "REVALIDATE_SECONDS", 0)
    process.search(HEAT)
    assert IndexSnapshot.objects.filter(pk=process.snapshot_id).exists()


def test_old_snapshots_and_log_entries_are_pruned(market, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=True):
        organisation(name="Old change ApS")
    IndexChange.objects.update(created=timezone.now() - timedelta(days=2))
    for _ in range(3):
        services.match_index_rebuild(kinds=["organisation"])
    assert IndexSnapshot.objects.filter(kind="organisation").count() == shared.KEEP_SNAPSHOTS
    assert not IndexChange.objects.filter(kind="organisation").exists()


def test_rebuild_command_and_task(market):
    out = io.StringIO()
    call_command("rebuild_match_index", stdout=out)
    assert "organisation:" in out.getvalue() and "challenge:" in out.getvalue()
    assert IndexSnapshot.objects.filter(kind="challenge").count() == 1
    with pytest.raises(CommandError, match="unknown kind"):
        call_command("rebuild_match_index", "measures", stdout=io.StringIO())
    counts = tasks.rebuild_match_index.delay(["challenge"]).get()
    assert counts == {"challenge": IndexSnapshot.objects.filter(kind="challenge").latest().documents}
