from datetime import timedelta

import factory
from django.utils import timezone

from northern_connections.challenges.models import Application, Challenge, EvaluationCriterion
from northern_connections.directory.tests.factories import OrganisationFactory


class ChallengeFactory(factory.django.DjangoModelFactory):
    """A published challenge of a Swedish municipality, deadline in two weeks, two criteria (60/40)."""

    class Meta:
        model = Challenge

    owner = factory.SubFactory(OrganisationFactory, kind="municipality", country="SE")
    slug = factory.Sequence(lambda n: f"challenge-{n}")
    title = factory.Sequence(lambda n: f"Energisnåla skolor {n}")
    summary = "Vi söker lösningar för att minska energianvändningen i kommunala skolbyggnader."
    title_en = factory.Sequence(lambda n: f"Energy-efficient schools {n}")
    summary_en = "We look for solutions that cut the energy use of municipal school buildings."
    language = "sv"
    country = factory.SelfAttribute("owner.country")
    status = "published"
    published_at = factory.LazyFunction(timezone.now)
    application_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    time_zone = "Europe/Stockholm"

    @factory.post_generation
    def criteria(self, create, extracted, **kwargs):
        if not create:
            return
        for order, (name, weight) in enumerate(extracted or [("Innovation", 60), ("Feasibility", 40)]):
            EvaluationCriterion.objects.create(challenge=self, name=name, weight=weight, order=order)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    challenge = factory.SubFactory(ChallengeFactory)
    applicant = factory.SubFactory(OrganisationFactory, kind="sme", country="DK")
    title = "Heat-pump retrofit with predictive control"
    solution_summary = "Predictive control of heat pumps from occupancy data."
    trl = 7
