"""The writes of the surveys app: building, opening, invitations, answering, duplicates, tagging."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from northern_connections.surveys import selectors, services
from northern_connections.surveys.choices import QuestionKind, SurveyStatus
from northern_connections.surveys.models import Invitation, Participation, Response

from .factories import FEEDBACK, audience_of_municipalities, survey

pytestmark = pytest.mark.django_db


def test_a_template_gives_every_chosen_language_its_wording(people):
    made = survey(people.member, people.organisation, status=SurveyStatus.DRAFT, languages=["en", "da"])
    overall = made.questions.get(key="overall")
    assert overall.text["en"] == "How satisfied were you with the event overall?"
    assert set(overall.text) == {"en", "da"}
    assert made.languages == ["en", "da"] and made.template == "event-feedback"
    assert [q.key for q in made.ordered_questions()][:3] == ["overall", "useful", "meetings"]


def test_only_editors_of_the_owner_create_surveys(people):
    with pytest.raises(PermissionDenied):
        services.survey_create(actor=people.outsider, owner=people.organisation, title="Not mine")


def test_a_survey_without_questions_does_not_open(people):
    blank = services.survey_create(actor=people.member, owner=people.organisation, title="Blank")
    with pytest.raises(ValidationError, match="at least one question"):
        services.survey_transition(actor=people.member, survey=blank, to_status=SurveyStatus.OPEN)


def test_building_questions_checks_the_whole_definition(people):
    draft = services.survey_create(actor=people.member, owner=people.organisation, title="Needs")
    uses = services.question_create(actor=people.member, survey=draft, language="en", kind=QuestionKind.SINGLE,
                                    text="Do you use PCP?", options=[("", "Yes"), ("", "No")], required=True)
    assert uses.key == "do-you-use-pcp" and uses.option_values() == ("yes", "no")
    with pytest.raises(ValidationError, match="choices"):
        services.question_create(actor=people.member, survey=draft, language="en", kind=QuestionKind.SINGLE,
                                 text="Why?", condition={"question": uses.key, "operator": "equals", "value": "maybe"})
    why = services.question_create(actor=people.member, survey=draft, language="en", kind=QuestionKind.TEXT,
                                   text="Why not?", condition={"question": uses.key, "operator": "equals",
                                                               "value": "no"})
    with pytest.raises(ValidationError, match="earlier question"):
        services.question_move(actor=people.member, question=why, direction="up")
    with pytest.raises(ValidationError):
        services.question_delete(actor=people.member, question=uses)  # "why" still refers to it
    services.question_update(actor=people.member, question=uses, language="en", text="Do you use PCP?",
                             kind=QuestionKind.SINGLE, options=[("yes", "Yes"), ("no", "No")])
    assert uses.__class__.objects.get(pk=uses.pk).labels() == {"yes": "Yes", "no": "No"}


def test_a_second_language_keeps_the_first(people):
    draft = services.survey_create(actor=people.member, owner=people.organisation, title="Needs",
                                   languages=["en", "sv"])
    question = services.question_create(actor=people.member, survey=draft, language="en", kind=QuestionKind.SINGLE,
                                        text="Budget?", options=[("yes", "Yes"), ("no", "No")])
    services.question_update(actor=people.member, question=question, language="sv", text="Budget?",
                             kind=QuestionKind.SINGLE, options=[("yes", "Ja"), ("no", "Nej")])
    question.refresh_from_db()
    assert question.labels("sv") == {"yes": "Ja", "no": "Nej"} and question.labels("en") == {"yes": "Yes", "no": "No"}
    with pytest.raises(ValidationError):
        services.question_update(actor=people.member, question=question, language="de", text="Budget?",
                                 kind=QuestionKind.SINGLE)


def test_questions_stay_as_they_were_once_open(people):
    opened = survey(people.member, people.organisation)
    with pytest.raises(ValidationError, match="new round"):
        services.question_create(actor=people.member, survey=opened, language="en", kind=QuestionKind.TEXT, text="?")
    with pytest.raises(ValidationError):
        services.survey_update(actor=people.member, survey=opened, language="en", title="X", anonymous=False)


def test_invitations_go_to_the_audience_once_with_a_link_whose_token_is_not_stored(people, tokens, mailoutbox, commit):
    opened = survey(people.member, people.organisation)
    audience_of_municipalities(people.member, opened, people=2)
    # the two municipalities and the member's own (a municipality too)
    assert commit(services.invitations_send, actor=people.member, survey=opened) == 3
    assert commit(services.invitations_send, actor=people.member, survey=opened) == 0  # nobody twice
    assert len(mailoutbox) == 3 and set(tokens) == set(Invitation.objects.values_list("email", flat=True))
    for invitation in Invitation.objects.all():
        assert tokens[invitation.email] not in str(Invitation.objects.filter(pk=invitation.pk).values().first())
        assert tokens[invitation.email] in mailoutbox[[m.to[0] for m in mailoutbox].index(invitation.email)].body


def test_an_unverified_owner_sends_no_invitations(people, commit):
    people.organisation.verification_status = "unverified"
    people.organisation.save()
    opened = survey(people.member, people.organisation)
    with pytest.raises(ValidationError, match="verified"):
        commit(services.invitations_send, actor=people.member, survey=opened)


def test_an_invitation_gives_one_anonymous_response(people, tokens, commit):
    opened = survey(people.member, people.organisation)
    audience_of_municipalities(people.member, opened, people=1)
    commit(services.invitations_send, actor=people.member, survey=opened)
    email, token = next((e, t) for e, t in tokens.items() if e != people.member.email)
    started = services.response_start_by_invitation(token=token)
    assert Invitation.objects.get(email=email).started
    with pytest.raises(ValidationError, match="already answered"):
        services.response_start_by_invitation(token=token)
    services.response_save(response=started.response, answers=FEEDBACK, submit=True)
    saved = Response.objects.get(pk=started.response.pk)
    assert saved.submitted and saved.answers["overall"] == 4
    assert (saved.respondent, saved.organisation, saved.invitation, saved.submitted_at) == (None, None, None, None)
    assert (saved.country, saved.organisation_kind) == ("DK", "municipality")


def test_reminders_go_to_those_who_have_not_started_and_replace_their_link(people, tokens, mailoutbox, commit):
    opened = survey(people.member, people.organisation)
    audience_of_municipalities(people.member, opened, people=2)
    commit(services.invitations_send, actor=people.member, survey=opened)
    first = dict(tokens)
    answering = next(e for e in first if e != people.member.email)
    services.response_start_by_invitation(token=first[answering])
    assert commit(services.reminders_send, actor=people.member, survey=opened) == 2
    assert len(mailoutbox) == 5 and tokens[answering] == first[answering]
    other = next(e for e in first if e not in (answering,))
    with pytest.raises(ValidationError, match="not valid"):
        services.response_start_by_invitation(token=first[other])
    services.response_start_by_invitation(token=tokens[other])


def test_save_and_continue_later_then_submit(people):
    opened = survey(people.member, people.organisation, open_link=True)
    started = services.response_start_open(survey=opened, user=None)
    services.response_save(response=started.response, answers={"useful": ["b2b", "visits"]})
    with pytest.raises(ValidationError) as refused:
        services.response_save(response=started.response, answers={"meetings": 500})
    assert "meetings" in refused.value.message_dict
    again = selectors.ballot_get(survey=opened, resume_key=started.resume_key)
    assert again.pk == started.response.pk and again.answers == {"useful": ["b2b", "visits"]}
    with pytest.raises(ValidationError) as refused:
        services.response_save(response=again, answers={}, submit=True)
    assert list(refused.value.message_dict) == ["overall"]
    services.response_save(response=again, answers={"overall": 5, "follow_up": "no", "follow_up_what": "x"},
                           submit=True)
    assert Response.objects.get(pk=again.pk).answers == {"useful": ["b2b", "visits"], "overall": 5, "follow_up": "no"}
    assert selectors.ballot_get(survey=opened, resume_key=started.resume_key) is None
    with pytest.raises(ValidationError, match="already submitted"):
        services.response_save(response=again, answers={"overall": 1})


def test_one_response_per_signed_in_person_unless_allowed(people):
    opened = survey(people.member, people.organisation, open_link=True)
    services.response_start_open(survey=opened, user=people.outsider)
    with pytest.raises(ValidationError, match="already answered"):
        services.response_start_open(survey=opened, user=people.outsider)
    assert Participation.objects.filter(survey=opened).count() == 1
    several = survey(people.member, people.organisation, open_link=True, allow_multiple=True)
    services.response_start_open(survey=several, user=people.outsider)
    services.response_start_open(survey=several, user=people.outsider)


def test_named_responses_carry_the_person_and_resume_through_the_invitation(people, tokens, commit):
    named = survey(people.member, people.organisation, template="sme-internationalisation")
    assert not named.anonymous
    audience_of_municipalities(people.member, named, people=1)
    commit(services.invitations_send, actor=people.member, survey=named)
    email, token = next((e, t) for e, t in tokens.items() if e != people.member.email)
    first = services.response_start_by_invitation(token=token)
    again = services.response_start_by_invitation(token=token)
    assert first.response.pk == again.response.pk and first.response.respondent_email == email
    assert first.response.organisation is not None and first.response.invitation is not None
    services.response_save(response=again.response, submit=True, answers={
        "exporting": "not_yet", "barriers": {r: "minor" for r in ("partners", "rules", "finance", "culture",
                                                                  "tenders")}})
    with pytest.raises(ValidationError, match="already answered"):
        services.response_start_by_invitation(token=token)


def test_a_named_open_survey_needs_a_login(people):
    named = survey(people.member, people.organisation, template="sme-internationalisation", open_link=True)
    with pytest.raises(PermissionDenied):
        services.response_start_open(survey=named, user=None)
    started = services.response_start_open(survey=named, user=people.outsider)
    assert started.response.respondent == people.outsider
    assert services.response_start_open(survey=named, user=people.outsider).response.pk == started.response.pk


def test_invitation_only_surveys_refuse_the_open_link_and_closed_ones_refuse_answers(people, commit):
    closed_link = survey(people.member, people.organisation)
    with pytest.raises(PermissionDenied):
        services.response_start_open(survey=closed_link, user=None)
    opened = survey(people.member, people.organisation, open_link=True)
    started = services.response_start_open(survey=opened, user=None)
    commit(services.survey_transition, actor=people.member, survey=opened, to_status=SurveyStatus.CLOSED)
    with pytest.raises(ValidationError, match="not open"):
        services.response_save(response=started.response, answers={"overall": 3}, submit=True)
    assert not Response.objects.filter(survey=opened, claimed=False).exists()  # blank ballots discarded


def test_owners_tag_free_text(people):
    opened = survey(people.member, people.organisation, open_link=True)
    started = services.response_start_open(survey=opened, user=None)
    services.response_save(response=started.response, answers=FEEDBACK, submit=True)
    tagged = services.response_tag(actor=people.member, response=started.response, question="improve",
                                   tags=["Time ", "time", "agenda"])
    assert tagged.tags == {"improve": ["time", "agenda"]}
    with pytest.raises(PermissionDenied):
        services.response_tag(actor=people.outsider, response=started.response, question="improve", tags=["x"])


def test_a_new_round_copies_the_questions_and_audience(people):
    first = survey(people.member, people.organisation)
    audience_of_municipalities(people.member, first, people=1)
    second = services.survey_new_round(actor=people.member, survey=first)
    assert second.previous_round == first and second.is_draft
    assert [q.key for q in second.ordered_questions()] == [q.key for q in first.ordered_questions()]
    assert second.audiences.count() == 1


def test_surveys_close_at_their_closing_time(people, frozen):
    from datetime import timedelta

    from northern_connections.core import clock

    opened = survey(people.member, people.organisation)
    opened.closes_at = clock.now() + timedelta(hours=1)
    opened.save()
    assert services.survey_close_due(now=clock.now()) == 0
    assert services.survey_close_due(now=clock.now() + timedelta(hours=2)) == 1
    opened.refresh_from_db()
    assert opened.status == SurveyStatus.CLOSED


def test_section_titles_are_translated_one_language_at_a_time(people):
    draft = services.survey_create(actor=people.member, owner=people.organisation, title="Needs",
                                   languages=["en", "nb"])
    section = draft.sections.get()
    services.section_update(actor=people.member, section=section, language="nb", title="Behov")
    section.refresh_from_db()
    assert section.title == {"en": "Needs", "nb": "Behov"}
    with pytest.raises(PermissionDenied):
        services.section_update(actor=people.outsider, section=section, language="en", title="Mine")
