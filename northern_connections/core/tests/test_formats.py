"""English pages use European dates and the 24-hour clock; other languages keep theirs (issue 9, item 8)."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import formats, translation

from northern_connections.challenges.tests.factories import ChallengeFactory

# 12:00 UTC is 14:00 in Copenhagen and Stockholm (summer time).
DEADLINE = datetime(2036, 5, 16, 12, 0, tzinfo=UTC)


def test_english_formats_are_day_first_with_a_24_hour_clock():
    """Regression: English used Django's American formats ("May 16, 2036, 2 p.m.")."""
    with translation.override("en"):
        assert formats.date_format(DEADLINE, "SHORT_DATETIME_FORMAT") == "16/05/2036, 12:00"
        assert formats.date_format(DEADLINE, "DATETIME_FORMAT") == "16 May 2036, 12:00"
        assert formats.date_format(DEADLINE.date(), "SHORT_DATE_FORMAT") == "16/05/2036"
        assert formats.time_format(DEADLINE.time()) == "12:00"


@pytest.mark.parametrize("language", ["en", "da", "de", "nl", "sv", "nb"])
def test_date_inputs_render_iso_so_that_type_date_fields_show_them(language):
    with translation.override(language):
        assert formats.get_format("DATE_INPUT_FORMATS")[0] == "%Y-%m-%d"


@pytest.mark.django_db
def test_board_and_detail_show_english_deadlines_the_european_way(client):
    challenge = ChallengeFactory(application_deadline=DEADLINE, time_zone="Europe/Stockholm")
    board = client.get(reverse("challenges:challenge_list")).content.decode()
    assert "16/05/2036, 14:00" in board
    detail = client.get(challenge.get_absolute_url()).content.decode()
    assert "16 May 2036, 14:00" in detail
    assert "p.m." not in board + detail and "May 16" not in board + detail


@pytest.mark.django_db
def test_german_pages_keep_german_dates_and_the_date_filter_keeps_its_value(client):
    ChallengeFactory(application_deadline=DEADLINE)
    client.cookies["django_language"] = "de"
    page = client.get(reverse("challenges:challenge_list"), {"deadline_after": "2036-05-01"}).content.decode()
    assert "16.05.2036 14:00" in page
    assert 'value="2036-05-01"' in page
