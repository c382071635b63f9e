"""The public board's default scope and order: open first, soonest deadline first (issue 9, item 8)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from northern_connections.challenges.tests.factories import ChallengeFactory


def _titles(client, **params) -> list[str]:
    page = client.get(reverse("challenges:challenge_list"), params).content.decode()
    return [chunk.split("<", 1)[0].split(">", 1)[1]
            for chunk in page.split('<tr><td><a href="/challenges/')[1:]]


@pytest.fixture
def board(db):
    now = timezone.now()
    made = {
        "archived-old": ("archived", now - timedelta(days=700)),
        "decided-recent": ("decided", now - timedelta(days=20)),
        "closed-last-week": ("closed", now - timedelta(days=7)),
        "late-close": ("published", now - timedelta(hours=2)),  # the close task has not run yet
        "open-later": ("published", now + timedelta(days=60)),
        "open-soon": ("published", now + timedelta(days=3)),
        "cancelled": ("cancelled", now - timedelta(days=100)),
    }
    for title, (status, deadline) in made.items():
        ChallengeFactory(title_en=title, status=status, application_deadline=deadline)
    return made


def test_board_shows_open_challenges_soonest_deadline_first(client, board):
    """Regression: the board listed the archived challenge of two years ago first."""
    assert _titles(client) == ["open-soon", "open-later"]


def test_closed_and_archived_follow_the_open_ones_most_recent_first(client, board):
    assert _titles(client, closed="on") == [
        "open-soon", "open-later", "late-close", "closed-last-week", "decided-recent", "cancelled", "archived-old",
    ]


def test_a_chosen_status_lists_that_status(client, board):
    assert _titles(client, status="archived") == ["archived-old"]
    assert _titles(client, status=["closed", "decided"]) == ["closed-last-week", "decided-recent"]


def test_other_filters_keep_the_open_only_default(client, board):
    assert _titles(client, q="", trl="") == ["open-soon", "open-later"]


def test_a_column_header_still_sorts_by_its_column(client, board):
    assert _titles(client, sort="-application_deadline") == ["open-later", "open-soon"]


def test_the_api_lists_every_visible_challenge(client, board):
    response = client.get(reverse("api:v1:challenge-list"))
    assert response.json()["count"] == len(board)
