"""URLs of the generic-view tests: core's own Job model behind each generic view, plus the project's URLs."""

from django.core.exceptions import ValidationError
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns
from northern_connections.core import views
from northern_connections.core.models import Job

CALLS: list[dict] = []


def job_finish(*, actor, job, message=""):
    """A service as the apps write them: keyword-only, refuses with a ValidationError."""
    if job.status == Job.Status.DONE:
        raise ValidationError("This job is finished already.")
    CALLS.append({"actor": actor, "job": job, "message": message})
    job.status = Job.Status.DONE
    job.save(update_fields=["status"])
    return job


class JobFinishView(views.ObjectActionView):
    model = Job
    action = "view"  # the owner may see the job; the service decides the rest
    service = job_finish
    success_message = "Finished."

    def service_kwargs(self, obj):
        return {"message": self.request.POST.get("message", "")}

    def get_success_url(self, obj, result):
        return "/done/"

    def get_return_url(self, obj):
        return "/failed/"


urlpatterns = [path("test-jobs/<int:pk>/finish/", JobFinishView.as_view(), name="test_job_finish"),
               *project_urlpatterns]
