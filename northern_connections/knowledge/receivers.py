"""What the knowledge centre does when other apps publish: survey results become a report in the library."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from .services.publications import publication_sync_external

logger = logging.getLogger(__name__)


def survey_results_published(sender, survey, published: bool, **kwargs) -> None:
    """List a survey's public results page as a report (or withdraw it), in the survey's main language."""
    language = survey.default_language or "en"
    title = (survey.title or {}).get(language) or next(iter((survey.title or {}).values()), survey.slug)
    with override(language):
        summary = (survey.introduction or {}).get(language) or _("Results of the survey “%(title)s”.") % {
            "title": title}
    page = reverse("surveys:survey_published", args=[survey.slug])
    link = f"{getattr(settings, 'PLATFORM_URL', '').rstrip('/')}{page}"
    try:
        publication_sync_external(publisher=survey.owner, source="surveys", reference=f"survey-{survey.pk}",
                                  title=title, summary=summary, published=published, language=language,
                                  link=link if link.startswith("http") else "", tags=["survey"])
    except ValidationError:  # the survey's own write has committed; the library entry must not undo it
        logger.exception("survey %s: results not listed in the knowledge centre", survey.pk)


def connect() -> None:
    from django.apps import apps

    if apps.is_installed("northern_connections.surveys"):
        from northern_connections.surveys.publishing import results_published

        results_published.connect(survey_results_published, dispatch_uid="knowledge-survey-results")
