"""Surveys: create (blank, from a template, as the next round), edit, delete, life cycle, publication."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core import clock
from northern_connections.core.permissions import CHANGE, DELETE, locked_for, require_add
from northern_connections.core.slugs import reserved_segments, unique_slug
from northern_connections.core.workflow import transition_apply
from northern_connections.directory.models import Organisation

from ..choices import LANGUAGE_CODES, SurveyStatus
from ..models import Question, Section, Survey
from ..workflow import SURVEY_WORKFLOW

# Settings that decide what respondents were promised: fixed once the survey has opened.
FIXED_ONCE_OPEN = ("anonymous", "allow_multiple", "open_link", "languages", "default_language")


def with_text(texts: dict | None, language: str, text: str) -> dict:
    """`texts` with `language` set to `text` (removed when empty)."""
    texts = dict(texts or {})
    if text and text.strip():
        texts[language] = text.strip()
    else:
        texts.pop(language, None)
    return texts


def _check_languages(languages, default_language: str) -> list[str]:
    languages = list(dict.fromkeys(languages or [default_language]))
    unknown = [code for code in languages if code not in LANGUAGE_CODES]
    if unknown or default_language not in LANGUAGE_CODES:
        raise ValidationError({"languages": _("Unknown language: %(codes)s.")
                                            % {"codes": ", ".join(unknown or [default_language])}})
    if default_language not in languages:
        languages.insert(0, default_language)
    return languages


def survey_create(*, actor: User | None, owner: Organisation, title: str, language: str = "en",
                  languages: list[str] | None = None, introduction: str = "", anonymous: bool = True,
                  allow_multiple: bool = False, open_link: bool = False, closes_at: datetime | None = None,
                  previous_round: Survey | None = None, template: str = "", is_demo: bool = False) -> Survey:
    """A new draft survey of `owner` (an organisation the actor edits), its texts in `language`."""
    with transaction.atomic():
        require_add(actor, Survey, owner=owner)
        if previous_round is not None and previous_round.owner_id != owner.pk:
            raise ValidationError({"previous_round": _("The previous round must be a survey of the same owner.")})
        survey = Survey(owner=owner, created_by=actor, title=with_text({}, language, title),
                        introduction=with_text({}, language, introduction), default_language=language,
                        languages=_check_languages(languages, language), anonymous=anonymous,
                        allow_multiple=allow_multiple, open_link=open_link, closes_at=closes_at,
                        previous_round=previous_round, template=template, is_demo=is_demo)
        survey.slug = unique_slug(Survey, title, reserved=reserved_segments("surveys:survey_detail"), fallback="survey")
        survey.full_clean()
        survey.save()
        Section.objects.create(survey=survey, title=with_text({}, language, title), order=0)
    return survey


def survey_update(*, actor: User, survey: Survey, language: str, title: str, introduction: str = "",
                  **settings) -> Survey:
    """Edit the texts (in `language`) and settings; anonymity, languages and the like only in a draft."""
    with transaction.atomic():
        survey = locked_for(actor, CHANGE, survey)
        if not survey.is_draft and not survey.is_open:
            raise ValidationError(_("A closed survey is a record and stays as it was."))
        changed = [name for name in FIXED_ONCE_OPEN if name in settings and settings[name] != getattr(survey, name)]
        if changed and not survey.is_editable:
            raise ValidationError(_("Once a survey has opened, its respondents were told how their answers are "
                                    "kept: anonymity, languages and the number of responses stay as they were."))
        if language not in (settings.get("languages") or survey.languages):
            raise ValidationError({"language": _("Choose one of the survey's languages.")})
        survey.title = with_text(survey.title, language, title)
        survey.introduction = with_text(survey.introduction, language, introduction)
        for name, value in settings.items():
            if name in (*FIXED_ONCE_OPEN, "closes_at"):
                setattr(survey, name, value)
        survey.languages = _check_languages(survey.languages, survey.default_language)
        survey.full_clean()
        survey.save()
    return survey


def survey_delete(*, actor: User, survey: Survey) -> None:
    with transaction.atomic():
        survey = locked_for(actor, DELETE, survey)
        if not survey.is_draft:
            raise ValidationError(_("Only drafts can be deleted; close and archive a survey that was open."))
        survey.delete()


def survey_transition(*, actor: User, survey: Survey, to_status: str, note: str = "") -> Survey:
    """Open, close, reopen or archive a survey (the moves and their checks are in workflow.py)."""
    return transition_apply(workflow=SURVEY_WORKFLOW, actor=actor, obj=survey, to_status=to_status, comment=note)


def survey_close_due(*, now: datetime | None = None) -> int:
    """Close the open surveys whose closing time has passed (the scheduled job); returns how many."""
    now = now or clock.now()
    due = Survey.objects.filter(status=SurveyStatus.OPEN, closes_at__lte=now)
    for survey in due:
        transition_apply(workflow=SURVEY_WORKFLOW, actor=None, obj=survey, to_status=SurveyStatus.CLOSED,
                         system=True, now=now, comment="closes_at")
    return len(due)


def survey_publish_results(*, actor: User, survey: Survey, publish: bool = True) -> Survey:
    """Show (or hide again) the survey's results on its public results page: counts, percentages and charts,
    never free text or responses. The knowledge centre, once it exists, lists these pages (publishing.py)."""
    from ..publishing import results_published

    with transaction.atomic():
        survey = locked_for(actor, CHANGE, survey)
        if publish and not survey.has_results:
            raise ValidationError(_("Results can be published once the survey has opened."))
        survey.results_public = publish
        survey.save(update_fields=["results_public", "updated"])
        transaction.on_commit(lambda: results_published.send(sender=Survey, survey=survey, published=publish))
    return survey


def copy_questions(source: Survey, target: Survey) -> None:
    """The sections and questions of `source` into the empty `target` (same keys, so rounds compare)."""
    target.sections.all().delete()
    sections = {}
    for section in source.sections.order_by("order", "pk"):
        sections[section.pk] = Section.objects.create(survey=target, title=section.title, order=section.order)
    for question in source.ordered_questions():
        question.pk = None
        question.survey, question.section = target, sections.get(question.section_id)
        question._state.adding = True
        question.save()


def survey_new_round(*, actor: User, survey: Survey) -> Survey:
    """A new draft with the same questions, settings and audience, whose results compare with this one's."""
    with transaction.atomic():
        survey = locked_for(actor, CHANGE, survey)
        fresh = survey_create(actor=actor, owner=survey.owner, title=survey.title.get(survey.default_language, ""),
                              language=survey.default_language, languages=survey.languages,
                              anonymous=survey.anonymous, allow_multiple=survey.allow_multiple,
                              open_link=survey.open_link, previous_round=survey, template=survey.template)
        fresh.title, fresh.introduction = survey.title, survey.introduction
        fresh.save(update_fields=["title", "introduction", "updated"])
        copy_questions(survey, fresh)
        for audience in survey.audiences.all():
            audience.pk, audience.survey = None, fresh
            audience._state.adding = True
            audience.save()
    return fresh


def survey_create_from_template(*, actor: User | None, owner: Organisation, template: str,
                                languages: list[str] | None = None, language: str = "en",
                                is_demo: bool = False, **settings) -> Survey:
    """A draft from one of the common assessments (assessments.py), its texts in every chosen language."""
    from .. import assessments

    found = assessments.TEMPLATES.get(template)
    if found is None:
        raise ValidationError({"template": _("Unknown template.")})
    languages = _check_languages(languages, language)
    texts = assessments.localize(found, languages)
    with transaction.atomic():
        survey = survey_create(actor=actor, owner=owner, title=texts["title"][language], language=language,
                               languages=languages, template=template, is_demo=is_demo,
                               **{"anonymous": found.anonymous, **settings})
        survey.title, survey.introduction = texts["title"], texts["introduction"]
        survey.save(update_fields=["title", "introduction", "updated"])
        survey.sections.all().delete()
        _template_questions(survey, texts["sections"])
    return survey


def _template_questions(survey: Survey, sections: list[dict]) -> None:
    order = 0
    for position, section_data in enumerate(sections):
        section = Section.objects.create(survey=survey, title=section_data["title"], order=position)
        for data in section_data["questions"]:
            question = Question(survey=survey, section=section, order=order, **data)
            question.full_clean()
            question.save()
            order += 1
