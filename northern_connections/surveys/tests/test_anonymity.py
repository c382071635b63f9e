"""Anonymity is a hard rule (issue 18): nothing stored links an anonymous response to a person.

Not a foreign key, not a time stamp beside an invitation's, not the order rows were written in, not the
audit trail. (The pages, the API and the exports are checked in test_views.py and test_api.py.)
"""

import pytest
from auditlog.models import LogEntry
from django.db import models

from northern_connections.surveys import services
from northern_connections.surveys.models import Invitation, Participation, Response
from northern_connections.surveys.services.responses import BALLOT_POOL

from .factories import FEEDBACK, audience_of_municipalities, survey

pytestmark = pytest.mark.django_db


def _answer_by_invitation(people, tokens, commit, count=2):
    opened = survey(people.member, people.organisation)
    audience_of_municipalities(people.member, opened, people=count)
    commit(services.invitations_send, actor=people.member, survey=opened)
    snapshot = {i.pk: dict(Invitation.objects.filter(pk=i.pk).values().first()) for i in opened.invitations.all()}
    for email, token in tokens.items():
        if email != people.member.email:
            started = services.response_start_by_invitation(token=token)
            services.response_save(response=started.response, answers=FEEDBACK, submit=True)
    return opened, snapshot


def test_a_response_has_no_field_that_points_to_a_person_or_a_time():
    person_or_time = [f.name for f in Response._meta.concrete_fields
                      if isinstance(f, models.DateTimeField | models.DateField)
                      or (f.is_relation and f.related_model is not None and f.name != "survey")]
    # the named survey's fields: empty for every anonymous response (next test)
    assert sorted(person_or_time) == ["invitation", "organisation", "respondent", "submitted_at"]
    assert isinstance(Response._meta.pk, models.UUIDField)  # a random key: never the order of answering
    assert {"created", "updated"}.isdisjoint(f.name for f in Response._meta.fields)
    assert {"created", "updated"}.isdisjoint(f.name for f in Participation._meta.fields)
    assert "updated" not in [f.name for f in Invitation._meta.fields]


def test_anonymous_responses_keep_nothing_of_the_person(people, tokens, commit):
    opened, _ = _answer_by_invitation(people, tokens, commit)
    for row in Response.objects.filter(survey=opened, submitted=True).values():
        assert row["respondent_id"] is row["organisation_id"] is row["invitation_id"] is row["submitted_at"] is None
        assert row["respondent_email"] == "" and row["resume_digest"] == ""
        assert row["country"] == "DK" and row["organisation_kind"] == "municipality"


def test_using_an_invitation_changes_nothing_but_its_flag(people, tokens, commit):
    opened, before = _answer_by_invitation(people, tokens, commit)
    for invitation in opened.invitations.all():
        after = Invitation.objects.filter(pk=invitation.pk).values().first()
        changed = {name for name in after if after[name] != before[invitation.pk][name]}
        assert changed <= {"started"}


def test_ballots_come_from_a_pool_made_before_anyone_answered(people, tokens, commit):
    opened, _ = _answer_by_invitation(people, tokens, commit, count=2)
    rows = Response.objects.filter(survey=opened)
    assert rows.count() == BALLOT_POOL  # one bulk insert: the physical order says nothing of who came first
    assert rows.filter(claimed=True).count() == 2


def test_the_audit_trail_records_no_response_participation_or_invitation(people, tokens, commit):
    from django.contrib.contenttypes.models import ContentType

    _answer_by_invitation(people, tokens, commit)
    kept = LogEntry.objects.filter(content_type__in=[ContentType.objects.get_for_model(m)
                                                     for m in (Response, Participation, Invitation)])
    assert not kept.exists()


def test_a_signed_in_respondent_leaves_a_participation_without_a_link(people, commit):
    opened = survey(people.member, people.organisation, open_link=True)
    started = services.response_start_open(survey=opened, user=people.outsider)
    services.response_save(response=started.response, answers=FEEDBACK, submit=True)
    participation = Participation.objects.filter(survey=opened).values().get()
    assert set(participation) == {"id", "survey_id", "user_id"}
    response = Response.objects.filter(pk=started.response.pk).values().get()
    assert response["respondent_id"] is None and response["organisation_id"] is None
    assert response["country"] == people.other_organisation.country  # the coarse attributes only
