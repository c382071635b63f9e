"""Platform-wide pages that belong to no domain: health check, job progress."""

from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import render

from .models import Job
from .permissions import VIEW


def health(request):
    """For load balancers: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def job_progress(request, pk: int):
    """Progress of a background job; HTMX polls the partial until the job is done."""
    job = Job.objects.restrict(request.user, VIEW).filter(pk=pk).first()
    if job is None:
        raise Http404
    return render(request, "core/partials/_job_progress.html", {"job": job})
