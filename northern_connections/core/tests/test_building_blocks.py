"""Small core building blocks: status predicates and the many-to-many filter."""

import django_filters
import pytest

from northern_connections.core.filtersets import RelatedFilterMixin
from northern_connections.core.models import Job, status_in
from northern_connections.directory.models import Organisation, ValueChain


class _Row:
    is_open = status_in("draft", "published", doc="Still open.")

    def __init__(self, status):
        self.status = status


@pytest.mark.parametrize(("status", "expected"), [("draft", True), ("published", True), ("closed", False)])
def test_status_in_is_true_exactly_for_its_statuses(status, expected):
    assert _Row(status).is_open is expected


def test_status_in_is_a_documented_read_only_property():
    assert _Row.is_open.__doc__ == "Still open."
    with pytest.raises(AttributeError):
        _Row("draft").is_open = False


def test_job_status_predicate_still_reads_its_own_statuses():
    assert Job(status=Job.Status.RUNNING).is_running and not Job(status=Job.Status.DONE).is_running


class _OrganisationFilter(RelatedFilterMixin, django_filters.FilterSet):
    value_chain = django_filters.ModelMultipleChoiceFilter(queryset=ValueChain.objects.all(), method="filter_related",
                                                         field_name="value_chains")

    class Meta:
        model = Organisation
        fields = ["value_chain"]


@pytest.mark.django_db
def test_related_filter_keeps_each_row_once_and_only_related_rows():
    solar = ValueChain.objects.create(slug="solar-t", name="Solar", order=1)
    wind = ValueChain.objects.create(slug="wind-t", name="Wind", order=2)
    both = Organisation.objects.create(name="Both", slug="both", country="DK")
    both.value_chains.set([solar, wind])
    Organisation.objects.create(name="None", slug="none", country="DK")
    rows = _OrganisationFilter({"value_chain": [solar.pk, wind.pk]}, queryset=Organisation.objects.all()).qs
    assert list(rows.values_list("name", flat=True)) == ["Both"]
    assert _OrganisationFilter({}, queryset=Organisation.objects.all()).qs.count() == 2


def _finish(*, actor, job: Job, message: str = "") -> None: ...


def _move(*, actor, event, block: "ValueChain | None" = None, **fields) -> None: ...


def test_object_parameter_prefers_the_model_name_then_the_annotated_keyword():
    from northern_connections.core.views import object_parameter

    assert object_parameter(_finish, Job) == "job"
    assert object_parameter(_move, ValueChain) == "block"  # annotated as a string, among **fields
    assert object_parameter(_move, Organisation) == "organisation"  # nothing fits: the model's name, as before
