"""Matchmaking's own records: the shared index (snapshots and change log), saved searches and alerts."""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import PartOfPage, RestrictedModel
from northern_connections.directory.choices import TRL_CHOICES
from northern_connections.directory.models import Organisation, ValueChain

from .choices import ChangeOp, CrossBorder, Frequency


class IndexSnapshot(RestrictedModel):
    """A serialised engine index of one kind of document, shared by every web process and worker.

    The index lives in the database rather than in a file or a process's memory so that any number
    of processes on any number of machines start from the same copy; the change log below brings a
    copy up to date. `last_change` is the highest `IndexChange` id the snapshot already reflects,
    and `started_at` when its build began reading the database: a change logged just before that
    may still be replayed on load (replay is idempotent, so overlap is harmless, a gap is not).
    """

    kind = models.CharField(max_length=32)
    version = models.PositiveBigIntegerField(default=0, help_text=_("The engine's content version."))
    last_change = models.BigIntegerField(default=0)
    documents = models.PositiveIntegerField(default=0)
    data = models.BinaryField()
    size = models.PositiveBigIntegerField(default=0)
    build_seconds = models.FloatField(default=0.0)
    started_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["kind", "-id"], name="matchmaking_snapshot_newest")]
        get_latest_by = "id"

    def __str__(self) -> str:
        return f"{self.kind} snapshot {self.pk} ({self.documents} documents, change {self.last_change})"


class IndexChange(RestrictedModel):
    """One entry of the change log: an indexed object was added, changed or removed.

    Appended after the writing transaction commits (signals.py), read by every process's cached
    engine with one indexed query `kind = %s AND id > last_seen`. The auto-incrementing id is the
    log position.
    """

    kind = models.CharField(max_length=32)
    object_id = models.CharField(max_length=64)
    op = models.CharField(max_length=8, choices=ChangeOp.choices)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "id"], name="matchmaking_change_log"),
            # The settle window of every catch-up (index.py) reads the last minute's entries.
            models.Index(fields=["kind", "created"], name="matchmaking_change_recent"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.op} {self.kind}:{self.object_id}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class SavedSearch(RestrictedModel):
    """A user's search for challenges on behalf of one of their organisations, with e-mail alerts.

    Empty query fields are taken from the organisation's profile when the search runs, so the
    "recommendation feed" is simply a saved search with nothing filled in (`is_feed`): it follows
    the profile as it changes. The unsubscribe token is the credential of the one-click link in
    every digest, so it is long, random and unique.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
                                     related_name="saved_searches")
    name = models.CharField(_("name"), max_length=200)
    text = models.CharField(_("keywords"), max_length=1000, blank=True,
                            help_text=_("Empty: the description in the organisation's profile."))
    value_chains = models.ManyToManyField(ValueChain, verbose_name=_("value chains"), blank=True,
                                          help_text=_("None ticked: the value chains of the profile."))
    trl_min = models.PositiveSmallIntegerField(_("TRL from"), choices=TRL_CHOICES, null=True, blank=True,
                                               validators=[MinValueValidator(1), MaxValueValidator(9)])
    trl_max = models.PositiveSmallIntegerField(_("TRL to"), choices=TRL_CHOICES, null=True, blank=True,
                                               validators=[MinValueValidator(1), MaxValueValidator(9)])
    countries = models.JSONField(_("countries of the challenge owners"), default=list, blank=True,
                                 help_text=_("ISO codes; empty means every country."))
    cross_border = models.CharField(_("cross-border preference"), max_length=8, choices=CrossBorder.choices,
                                    default=CrossBorder.PREFER)
    frequency = models.CharField(_("e-mail digest"), max_length=8, choices=Frequency.choices,
                                 default=Frequency.WEEKLY)
    active = models.BooleanField(_("send e-mail alerts"), default=True)
    is_feed = models.BooleanField(_("recommendation feed"), default=False, editable=False)
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    last_checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created", "pk"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        indexes = [models.Index(fields=["frequency", "active"], name="matchmaking_search_due")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(trl_min__isnull=True) | models.Q(trl_max__isnull=True)
                | models.Q(trl_max__gte=models.F("trl_min")),
                name="matchmaking_savedsearch_trl_range",
            ),
            models.UniqueConstraint(fields=["user", "organisation"], condition=models.Q(is_feed=True),
                                    name="matchmaking_savedsearch_one_feed"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The recommendations page with this search's fields filled in."""
        url = reverse("matchmaking:challenges_for_organisation", kwargs={"slug": self.organisation.slug})
        return f"{url}?{urlencode(self.query_params(), doseq=True)}"

    def query_params(self) -> dict:
        params = {"cross_border": self.cross_border}
        if self.text:
            params["text"] = self.text
        if self.pk:
            params["value_chains"] = [vc.slug for vc in self.value_chains.all()]
        if self.trl_min:
            params["trl_min"] = self.trl_min
        if self.trl_max:
            params["trl_max"] = self.trl_max
        if self.countries:
            params["countries"] = list(self.countries)
        return params

    def clean(self) -> None:
        errors = {}
        if self.trl_min and self.trl_max and self.trl_min > self.trl_max:
            errors["trl_max"] = _("The upper TRL must not be below the lower one.")
        if any(not isinstance(c, str) or len(c) != 2 for c in self.countries or []):
            errors["countries"] = _("Use two-letter ISO country codes.")
        if errors:
            raise ValidationError(errors)
        self.countries = sorted({c.upper() for c in self.countries or []})


class AlertDelivery(PartOfPage, RestrictedModel):
    """A challenge that was included in a saved search's digest: never sent again for that search.

    The unique constraint, not the code that reads it, is what guarantees "never twice": two
    workers racing on the same search cannot both record the same challenge.
    """

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="deliveries")
    challenge = models.ForeignKey("challenges.Challenge", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    page_of = "challenge"

    class Meta:
        ordering = ["-sent_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["saved_search", "challenge"],
                                               name="matchmaking_alertdelivery_once")]

    def __str__(self) -> str:
        return f"{self.saved_search_id} → {self.challenge_id}"
