"""Regression: the region filter's choices follow the database, not the state at first use."""

import io

import pytest
from django.core.management import call_command

from northern_connections.directory.filtersets import OrganisationFilterSet
from northern_connections.directory.models import Organisation


@pytest.mark.django_db
def test_region_choices_are_read_when_used_not_frozen_at_first_use():
    # The first form field is built while no region exists (as the API schema generator does).
    assert not OrganisationFilterSet({"region": "DK0"}, queryset=Organisation.objects.all()).is_valid()
    call_command("load_reference_data", "--facts-only", stdout=io.StringIO(), stderr=io.StringIO())
    assert OrganisationFilterSet({"region": "DK0"}, queryset=Organisation.objects.all()).is_valid()


@pytest.mark.django_db
def test_trl_filters_start_blank_so_other_filters_do_not_narrow_by_trl():
    from northern_connections.directory.tests.factories import OrganisationFactory

    OrganisationFactory(trl=7, country="NO")
    form = OrganisationFilterSet(None, queryset=Organisation.objects.all()).form
    assert '<option value="" selected>' in str(form["trl_min"])
    # What a browser submits after the user only picked a country:
    submitted = OrganisationFilterSet({"country": ["NO"], "trl_min": "", "trl_max": ""},
                                      queryset=Organisation.objects.all())
    assert submitted.qs.count() == 1
