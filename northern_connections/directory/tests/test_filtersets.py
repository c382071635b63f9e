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
