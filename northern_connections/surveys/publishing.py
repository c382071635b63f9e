"""Publishing a survey's results: the hook for the knowledge centre (DESIGN.md §1, app `knowledge`).

The knowledge centre does not exist yet. Until it does, a published survey has a public results page
(`surveys:survey_published`: counts, percentages and charts, never free text or single responses, and
groups below `logic.MIN_GROUP` hidden for anonymous surveys), and `results_published` is sent after the
commit of every publication or withdrawal. The knowledge app connects a receiver to it
(`results_published.connect(...)` in its AppConfig.ready) to list or withdraw the page, and reads
`published_surveys()` to fill its library at first start.
"""

from __future__ import annotations

from django.dispatch import Signal

# sender=Survey, survey=<Survey>, published=<bool>
results_published = Signal()


def published_surveys():
    """The surveys whose results are public, newest first (what a library of results lists)."""
    from .choices import RESULT_STATUSES
    from .models import Survey

    return (Survey.objects.filter(results_public=True, status__in=RESULT_STATUSES).select_related("owner")
            .order_by("-opened_at", "pk"))
