"""Base models shared by every app: time stamps, the restricted queryset and the search entry."""

from operator import attrgetter

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .permissions import RestrictedQuerySet


def status_in(*statuses: str, doc: str | None = None) -> property:
    """A model's status predicate in one line: `is_draft = status_in(EventStatus.DRAFT)`.

    Templates, forms, views and the API ask these properties instead of comparing status strings,
    so each rule about a status is written once, beside the model.
    """
    values = frozenset(statuses)
    return property(lambda self: self.status in values, doc=doc)


class TimeStampedModel(models.Model):
    """Every record says when it was created and last changed (audit trails and feeds need it)."""

    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class RestrictedModel(TimeStampedModel):
    """Base of every domain model: `objects.restrict(user, action)` is the one permission gate."""

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        abstract = True


class PartOfPage:
    """A record shown on its parent's page, with no page of its own (a criterion on its
    challenge's page): `page_of = "challenge"`, a dotted path, makes the parent's URL its own
    for redirects, messages and the audit trail."""

    page_of: str

    def get_absolute_url(self) -> str:
        return attrgetter(self.page_of)(self).get_absolute_url()


class SearchEntry(models.Model):
    """Analysed text of one searchable object, indexed by SQLite FTS5 or PostgreSQL full text.

    The text is stemmed in Python with the Snowball stemmer of its own language before it is
    stored, so that both databases match the same words the same way (see core/search.py); the
    database only intersects tokens, which both do fast.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=8, blank=True)
    tokens = models.TextField()

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="core_searchentry_unique_object")
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}"


class Job(TimeStampedModel):
    """A long-running background task whose progress a user watches (imports, scheduling, reports).

    Progress lives in the database rather than in a worker's memory so that any web process can
    show it and nothing is lost when a worker restarts.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=64)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    progress = models.FloatField(default=0.0)
    message = models.CharField(max_length=500, blank=True)
    result = models.JSONField(default=dict, blank=True)

    objects = RestrictedQuerySet.as_manager()


    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return f"{self.kind} ({self.status})"

    # Waiting for a worker or running: the page keeps polling its progress.
    is_running = status_in(Status.PENDING, Status.RUNNING, doc="Waiting for a worker or running.")
