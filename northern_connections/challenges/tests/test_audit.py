"""The board's audit trail: challenges, applications and scores keep who changed what."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from northern_connections.challenges import services
from northern_connections.core import audit

from .factories import ChallengeFactory
from .test_services import evaluation_world, scores_for


def test_a_changed_score_keeps_the_juror_and_both_values(people, frozen):
    # Given a juror who scored an application
    challenge, app, _assignments = evaluation_world(people, frozen)
    services.scores_save(actor=people["juror_a"], application=app, scores=scores_for(challenge, [8, 6]))
    # when they change one score
    services.scores_save(actor=people["juror_a"], application=app, scores=scores_for(challenge, [3, 6]))
    # then the trail of that score says who changed it from 8 to 3
    score = app.scores.get(criterion=challenge.criteria.first(), assignment__user=people["juror_a"])
    newest = audit.history_for(score, people["admin"])[0]  # scores' trail: platform admins only
    assert newest.who == str(people["juror_a"])
    assert [(c.field, c.old, c.new) for c in newest.changes] == [("score", "8", "3")]
    assert not audit.may_see_history(people["owner"], score)


def test_the_challenge_history_page_shows_the_owners_change_to_the_owner_only(people, client):
    challenge = ChallengeFactory(owner=people["owner_org"], status="draft", published_at=None, title="Harbour power")
    services.challenge_update(actor=people["owner"], challenge=challenge, title="Shore power for ferries")
    url = reverse("challenges:challenge_history", args=[challenge.slug])
    client.force_login(people["owner"])
    page = client.get(url).content.decode()
    assert "Harbour power" in page and "Shore power for ferries" in page and str(people["owner"]) in page
    assert url in client.get(challenge.get_absolute_url()).content.decode()
    client.force_login(people["sme"])
    assert client.get(url).status_code == 404  # a draft: the outsider does not even see it
    with pytest.raises(PermissionDenied):
        audit.history_for(challenge, people["sme"])
