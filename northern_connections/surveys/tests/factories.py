"""Surveys for tests, made through the services (a template's questions, then opened)."""

from __future__ import annotations

from northern_connections.accounts.models import Membership
from northern_connections.directory.tests.factories import OrganisationFactory

from .. import services
from ..choices import AudienceKind, SurveyStatus

FEEDBACK = {"overall": 4, "useful": ["b2b"], "meetings": 3, "follow_up": "yes", "follow_up_what": "A pilot",
            "recommend": 9, "improve": "More time for meetings"}


def survey(actor, owner, *, template: str = "event-feedback", status: str = SurveyStatus.OPEN, **settings):
    """A survey from a template (default: event feedback, anonymous), opened unless `status` says otherwise."""
    made = services.survey_create_from_template(actor=actor, owner=owner, template=template, **settings)
    if status != SurveyStatus.DRAFT:
        made = services.survey_transition(actor=actor, survey=made, to_status=SurveyStatus.OPEN)
    if status == SurveyStatus.CLOSED:
        made = services.survey_transition(actor=actor, survey=made, to_status=SurveyStatus.CLOSED)
    return made


def audience_of_municipalities(actor, survey, people: int = 2, *, country: str = "DK", region=None):
    """`people` municipalities of `country`, each with one member, as the survey's audience."""
    from northern_connections.core.testing import create_user

    organisations = []
    for n in range(people):
        organisation = OrganisationFactory(kind="municipality", country=country, nuts_region=region,
                                           name=f"Kommune {survey.pk}-{n}")
        user = create_user(f"officer{survey.pk}-{n}@{country.lower()}.example.org")
        Membership.objects.create(user=user, organisation=organisation, role="member")
        organisations.append(organisation)
    services.audience_add(actor=actor, survey=survey, kind=AudienceKind.KIND_IN_REGION,
                          organisation_kind="municipality", region=region)
    return organisations
