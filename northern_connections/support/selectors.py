"""Reads of the support map, restricted to the actor, and the coverage index fed to the plain-Python analysis."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import QuerySet

from northern_connections.core import clock
from northern_connections.core.audit import may_see_history
from northern_connections.core.permissions import CHANGE, VIEW, can
from northern_connections.directory.models import NutsRegion, ValueChain, ValueChainStep
from northern_connections.directory.vocabularies import PARTNER_COUNTRIES

from .choices import COUNTED_STATUSES
from .coverage import ALL, CoverageIndex, Measure
from .models import SupportMeasure
from .permissions import VERIFY, is_coordinator
from .workflow import MEASURE_WORKFLOW

MEASURE_RELATED = ("areas", "value_chains", "value_chain_steps")


def measure_list(*, actor) -> QuerySet[SupportMeasure]:
    """Measures the actor may see, with what the list shows."""
    return (SupportMeasure.objects.restrict(actor, VIEW).select_related("provider")
            .prefetch_related(*MEASURE_RELATED).order_by("name", "pk"))


def measure_get(*, actor, slug: str, action: str = VIEW) -> SupportMeasure | None:
    return (SupportMeasure.objects.restrict(actor, action).select_related("provider", "verified_by")
            .prefetch_related(*MEASURE_RELATED).filter(slug=slug).first())


def measure_page(*, actor, measure: SupportMeasure) -> dict:
    """What the detail page shows beside the measure: the moves the actor may make, verification, history."""
    return {
        "transitions": MEASURE_WORKFLOW.available(measure, actor),
        "may_change": can(actor, CHANGE, measure),
        "may_verify": can(actor, VERIFY, measure),
        "may_see_history": may_see_history(actor, measure),
        "log": measure.transitions.select_related("by").order_by("-at", "-pk")[:20],
    }


def measures_by_id(*, actor, ids) -> dict[int, SupportMeasure]:
    """The visible measures among `ids` (the analysis returns ids), with their provider."""
    rows = SupportMeasure.objects.restrict(actor, VIEW).select_related("provider").filter(pk__in=list(ids))
    return {measure.pk: measure for measure in rows}


def coverage_measures() -> list[Measure]:
    """Every counted (published) measure as the analysis sees it, in four queries whatever their number."""
    counted = SupportMeasure.objects.filter(status__in=COUNTED_STATUSES)
    rows = counted.values_list("pk", "name", "trl_min", "trl_max", "target_groups", "eligibility", "kind",
                               "last_verified")
    related = {}
    for name, field in (("areas", "nutsregion__code"), ("value_chains", "valuechain__slug"),
                        ("value_chain_steps", "valuechainstep__slug")):
        through = SupportMeasure._meta.get_field(name).remote_field.through
        found = defaultdict(list)
        for pk, value in through.objects.filter(supportmeasure__status__in=COUNTED_STATUSES).values_list(
                "supportmeasure_id", field):
            found[pk].append(value)
        related[name] = found
    return [Measure(id=pk, name=name, trl_min=low, trl_max=high, target_groups=frozenset(groups or ()),
                    eligibility=eligibility, kind=kind, verified_on=verified,
                    areas=tuple(sorted(related["areas"][pk])),
                    value_chains=frozenset(related["value_chains"][pk]),
                    steps=frozenset(related["value_chain_steps"][pk]))
            for pk, name, low, high, groups, eligibility, kind, verified in rows]


def value_chain_steps() -> list[ValueChainStep]:
    return list(ValueChainStep.objects.order_by("order", "pk"))


def value_chains() -> list[ValueChain]:
    return list(ValueChain.objects.order_by("order", "pk"))


def coverage_index(*, today: date | None = None) -> CoverageIndex:
    """The analysis over every published measure, with the steps in their order."""
    return CoverageIndex(coverage_measures(), steps=[s.slug for s in value_chain_steps()],
                         today=today or clock.now().date())


def scope_regions() -> QuerySet[NutsRegion]:
    """Scopes offered on the pages: the partnership's countries (NUTS 0) and their NUTS 2 regions."""
    return NutsRegion.objects.filter(level__in=(0, 2), country__in=PARTNER_COUNTRIES).order_by("country", "code")


def scope_name(scope: str) -> str:
    if scope == ALL:
        return ""
    region = NutsRegion.objects.filter(code=scope).only("name").first()
    return region.name if region else scope


def region_names(codes) -> dict[str, str]:
    return dict(NutsRegion.objects.filter(code__in=list(codes)).values_list("code", "name"))


def map_regions() -> list[tuple[str, str, dict]]:
    """(code, name, geometry) of the NUTS 2 regions of the partnership's countries that have boundaries."""
    rows = NutsRegion.objects.filter(level=2, geometry__isnull=False, country__in=PARTNER_COUNTRIES)
    return list(rows.values_list("code", "name", "geometry"))


def coordinator(*, actor) -> bool:
    return is_coordinator(actor)


def navigator_initial(*, actor) -> dict:
    """The navigator's form filled in from the actor's first organisation with a known region (or nothing)."""
    from northern_connections.directory.models import Organisation

    if not (actor and actor.is_authenticated):
        return {}
    organisation = (Organisation.objects.filter(memberships__user=actor, nuts_region__isnull=False)
                    .select_related("nuts_region").prefetch_related("value_chains", "value_chain_steps")
                    .order_by("name").first())
    if organisation is None:
        return {}
    initial = {"region": organisation.nuts_region.code[:4], "kind": organisation.kind, "organisation": organisation}
    chains, steps = list(organisation.value_chains.all()), list(organisation.value_chain_steps.all())
    if chains:
        initial["value_chain"] = chains[0].slug
    if steps:
        initial["step"] = steps[0].slug
    if organisation.trl:
        initial["trl"] = organisation.trl
    return initial
