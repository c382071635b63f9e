"""Factories of the knowledge centre and the small vocabulary its tests use."""

from datetime import UTC, datetime

import factory

from northern_connections.directory.models import CpvCode, EformsCode, ValueChain
from northern_connections.directory.tests.factories import OrganisationFactory
from northern_connections.knowledge.models import (
    Assessment,
    AssessmentQuestion,
    CommunityQuestion,
    Dimension,
    ProcurementCase,
    Questionnaire,
    ToolboxItem,
)

CPV = [("09000000-3", "Petroleum products, fuel, electricity and other sources of energy"),
       ("09332000-5", "Solar installation"),
       ("34000000-7", "Transport equipment and auxiliary products to transportation"),
       ("34144900-7", "Electric vehicles"), ("45000000-7", "Construction work"),
       ("45331000-6", "Heating, ventilation and air-conditioning installation work")]
EFORMS = [("procurement-procedure-type", "open", "Open", {"da": "Offentligt udbud"}),
          ("procurement-procedure-type", "innovation", "Innovation partnership", {"da": "Innovationspartnerskab"}),
          ("procurement-procedure-type", "comp-dial", "Competitive dialogue", {}),
          ("innovative-acquisition", "proc-innov", "The procured works, supplies, or services entail process "
                                                   "innovation", {}),
          ("innovative-acquisition", "prod-innov", "The procured works, supplies, or services entail product "
                                                   "innovation", {})]


def vocabulary() -> dict:
    """CPV codes of three divisions, eForms procedure types and BT-776 codes, two value chains (idempotent)."""
    cpv = {code: CpvCode.objects.get_or_create(code=code, defaults={"name": name})[0] for code, name in CPV}
    eforms = {code: EformsCode.objects.get_or_create(list_name=list_name, code=code,
                                                     defaults={"name": name, "names": names})[0]
              for list_name, code, name, names in EFORMS}
    chains = {slug: ValueChain.objects.get_or_create(slug=slug, defaults={"name": name, "order": i})[0]
              for i, (slug, name) in enumerate([("heating-cooling", "Heating and cooling"), ("solar", "Solar")])}
    return {"cpv": cpv, "eforms": eforms, "chains": chains}


class CaseFactory(factory.django.DjangoModelFactory):
    """A published English open-procedure case of a verified municipality, in CPV division 45."""

    class Meta:
        model = ProcurementCase
        skip_postgeneration_save = True

    buyer = factory.SubFactory(OrganisationFactory, kind="municipality", country="SE")
    country = factory.LazyAttribute(lambda o: o.buyer.country)
    title = factory.Sequence(lambda n: f"Case {n}")
    slug = factory.Sequence(lambda n: f"case-{n}")
    summary = "The city bought heat pumps for its schools."
    summary_en = factory.LazyAttribute(lambda o: o.summary if o.language == "en" else "An English summary.")
    language = "en"
    procedure = "open"
    sector = "buildings"
    stage = "contract"
    status = "published"
    published_at = datetime(2025, 5, 1, tzinfo=UTC)

    @factory.post_generation
    def cpv_codes(self, create, extracted, **kwargs):
        self.cpv_codes.set(CpvCode.objects.filter(code__in=extracted if extracted is not None else ["45331000-6"]))

    @factory.post_generation
    def value_chains(self, create, extracted, **kwargs):
        self.value_chains.set(ValueChain.objects.filter(slug__in=extracted or []))

    @factory.post_generation
    def indexed(self, create, extracted, **kwargs):
        from northern_connections.knowledge.services.cases import case_index

        case_index(self)


class ToolboxItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ToolboxItem

    kind = "guide"
    title = factory.Sequence(lambda n: f"Guide {n}")
    slug = factory.Sequence(lambda n: f"guide-{n}")
    summary = "How to run a market consultation."
    audience = factory.LazyFunction(lambda: ["procurer"])
    lead_author = factory.SubFactory(OrganisationFactory, kind="cluster")


def questionnaire(slug: str = "sme-innovation") -> Questionnaire:
    """Two dimensions: strategy (q weight 2 with 5 options, weight 1 with 3) and funding (weight 1, 4 options)."""
    form, created = Questionnaire.objects.get_or_create(slug=slug, defaults={"title": "SME innovation"})
    if created:
        strategy = Dimension.objects.create(questionnaire=form, key="strategy", name="Strategy", order=1,
                                            support_kinds=["advisory"])
        funding = Dimension.objects.create(questionnaire=form, key="funding", name="Funding readiness", order=2,
                                           support_kinds=["grant", "voucher"])
        AssessmentQuestion.objects.create(dimension=strategy, order=1, text="Do you have an innovation plan?",
                                          weight=2, options=["No", "Ideas", "Draft", "Plan", "Plan with budget"])
        AssessmentQuestion.objects.create(dimension=strategy, order=2, text="Does management review it?",
                                          weight=1, options=["Never", "Sometimes", "Yearly"])
        AssessmentQuestion.objects.create(dimension=funding, order=1, text="Have you applied for grants?",
                                          weight=1, options=["Never", "Once", "Several times", "Regularly"])
    return form


def question_ids(form: Questionnaire) -> list[int]:
    return list(AssessmentQuestion.objects.filter(dimension__questionnaire=form)
                .order_by("dimension__order", "order").values_list("pk", flat=True))


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    questionnaire = factory.LazyFunction(questionnaire)
    organisation = factory.SubFactory(OrganisationFactory, kind="sme")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityQuestion

    title = factory.Sequence(lambda n: f"How did you run market dialogue {n}?")
    slug = factory.Sequence(lambda n: f"question-{n}")
    status = "published"
