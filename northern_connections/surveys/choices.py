"""Vocabularies of the surveys app (question kinds and condition operators are logic.py's values)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import logic


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")


# The questions can change only before anyone answers.
EDITABLE_STATUSES = (SurveyStatus.DRAFT,)
ANSWERABLE_STATUSES = (SurveyStatus.OPEN,)
# Invitations and reminders go out while the survey is open (invitations also from a draft: they wait).
INVITING_STATUSES = (SurveyStatus.OPEN,)
# Results exist once someone could answer.
RESULT_STATUSES = (SurveyStatus.OPEN, SurveyStatus.CLOSED, SurveyStatus.ARCHIVED)


class QuestionKind(models.TextChoices):
    SINGLE = logic.SINGLE, _("Single choice")
    MULTIPLE = logic.MULTIPLE, _("Multiple choice")
    SCALE = logic.SCALE, _("Scale")
    MATRIX = logic.MATRIX, _("Matrix (rows × the same choices)")
    NUMBER = logic.NUMBER, _("Number")
    TEXT = logic.TEXT, _("Free text")
    RANKING = logic.RANKING, _("Ranking")


class ConditionOperator(models.TextChoices):
    EQUALS = logic.EQUALS, _("is")
    NOT_EQUALS = logic.NOT_EQUALS, _("is not")
    ANY_OF = logic.ANY_OF, _("is one of")
    INCLUDES = logic.INCLUDES, _("includes")
    AT_LEAST = logic.AT_LEAST, _("is at least")
    AT_MOST = logic.AT_MOST, _("is at most")
    ANSWERED = logic.ANSWERED, _("was answered")


class AudienceKind(models.TextChoices):
    """How a part of the target audience is chosen from the directory."""

    KIND_IN_REGION = "kind_region", _("Organisations of a kind (in a NUTS region or country)")
    CLUSTER_MEMBERS = "cluster", _("Members of a cluster")
    ORGANISATION = "organisation", _("One organisation")


SURVEY_LANGUAGES = settings.LANGUAGES
LANGUAGE_CODES = tuple(code for code, _name in SURVEY_LANGUAGES)
