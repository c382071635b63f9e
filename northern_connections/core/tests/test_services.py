"""model_update: the one way services set fields, validate, save and re-index."""

import pytest
from django.core.exceptions import ValidationError

from northern_connections.core.models import Job
from northern_connections.core.services import model_update

pytestmark = pytest.mark.django_db


def test_sets_only_the_fields_it_is_given_and_reports_what_changed():
    job = Job.objects.create(kind="import", message="queued")
    indexed = []
    changed = model_update(instance=job, data={"message": "running"}, fields=("kind", "message"),
                           index=indexed.append)
    job.refresh_from_db()
    assert (job.kind, job.message, changed, indexed) == ("import", "running", ["message"], [job])


def test_a_field_the_service_does_not_own_is_a_programming_error():
    job = Job.objects.create(kind="import")
    with pytest.raises(TypeError, match="status"):
        model_update(instance=job, data={"status": "done"}, fields=("message",))


def test_prepare_runs_before_validation_and_invalid_data_is_not_saved():
    job = Job.objects.create(kind="import", message="queued")
    with pytest.raises(ValidationError):
        model_update(instance=job, data={"message": "x" * 501}, fields=("message",))
    job.refresh_from_db()
    assert job.message == "queued"

    def shout(instance):
        instance.message = instance.message.upper()

    model_update(instance=job, data={"message": "done"}, fields=("message",), prepare=shout)
    job.refresh_from_db()
    assert job.message == "DONE"
