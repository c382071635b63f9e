"""Platform-wide pages: home, health check, job progress."""

from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import render

from .models import Job
from .permissions import VIEW


def home(request):
    from northern_connections.directory.choices import OrganisationKind
    from northern_connections.directory.models import Organisation, Partnership

    organisations = Organisation.objects.restrict(request.user, VIEW)
    context = {
        "organisation_count": organisations.count(),
        "sme_count": organisations.filter(kind=OrganisationKind.SME).count(),
        "country_count": organisations.values("country").distinct().count(),
        "partnerships": Partnership.objects.restrict(request.user, VIEW)[:5],
    }
    return render(request, "core/home.html", context)


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
