"""The life cycle of a support measure, as data for the core state machine (core/workflow.py).

draft → published (the provider, once verified and the record complete) → closed for applications
→ published again (reopened) ; any stage → archived. Every move is the provider's editors' (the
CHANGE scope); only published measures count in the coverage analysis.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.workflow import Transition, Workflow

from .choices import PROVIDER_KINDS, MeasureStatus
from .models import MeasureTransition, SupportMeasure

DRAFT, PUBLISHED = MeasureStatus.DRAFT, MeasureStatus.PUBLISHED
CLOSED, ARCHIVED = MeasureStatus.CLOSED, MeasureStatus.ARCHIVED


def publication_problems(measure: SupportMeasure, now: datetime) -> list[str]:
    """Why a measure cannot be published (or reopened) yet; empty when it can."""
    problems = []
    if not measure.provider.has_verified_kind(PROVIDER_KINDS):
        problems.append(_("“%(name)s” is not verified as an organisation that provides support measures. Ask for "
                          "verification on the organisation's page.") % {"name": measure.provider.name})
    if not measure.summary_en.strip():
        problems.append(_("An English summary is required, so that every partner country can read the measure."))
    if not measure.areas.exists():
        problems.append(_("Say where the measure is offered (NUTS regions or countries)."))
    if not measure.continuous and (not measure.deadline or measure.deadline < now.date()):
        problems.append(_("Give a deadline in the future, or mark the measure as open continuously."))
    return problems


MEASURE_WORKFLOW = Workflow(
    statuses=MeasureStatus,
    log_model=MeasureTransition,
    log_object_field="measure",
    transitions=[
        Transition(DRAFT, PUBLISHED, _lazy("Publish"), guard=publication_problems),
        Transition(PUBLISHED, CLOSED, _lazy("Close for applications")),
        Transition(CLOSED, PUBLISHED, _lazy("Reopen"), guard=publication_problems),
        Transition((DRAFT, PUBLISHED, CLOSED), ARCHIVED, _lazy("Archive"), danger=True),
    ],
)
