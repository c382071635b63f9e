"""Applications to a challenge, their consortium partners and attachments."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import PartOfPage, RestrictedModel, status_in
from northern_connections.directory.choices import TRL_CHOICES
from northern_connections.directory.models import Organisation

from ..choices import ApplicationStatus, Currency, PartnerStatus, to_eur
from .challenges import Challenge


class Application(RestrictedModel):
    """An organisation's answer to a challenge, alone or as the lead of a consortium.

    `version` implements optimistic concurrency: every save increments it, and an update made
    from a form opened at an older version is refused, so two consortium members editing at
    once never silently overwrite each other.
    """

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="applications")
    # PROTECT: applications are part of the challenge owner's evaluation record; an organisation
    # that ever applied cannot vanish with them (directory.services.organisation_delete explains).
    applicant = models.ForeignKey(Organisation, verbose_name=_("lead applicant"), on_delete=models.PROTECT,
                                  related_name="challenge_applications")
    status = models.CharField(_("status"), max_length=16, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.DRAFT, db_index=True)
    title = models.CharField(_("title of the solution"), max_length=300, blank=True)
    solution_summary = models.TextField(_("solution summary"), blank=True, max_length=10000)
    trl = models.PositiveSmallIntegerField(_("TRL of the solution"), choices=TRL_CHOICES, null=True, blank=True,
                                           validators=[MinValueValidator(1), MaxValueValidator(9)])
    trl_evidence = models.TextField(_("evidence for the TRL"), blank=True, max_length=5000)
    references = models.TextField(_("references"), blank=True, max_length=5000)
    budget = models.PositiveBigIntegerField(_("proposed budget"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    team = models.TextField(_("team"), blank=True, max_length=5000)
    version = models.PositiveIntegerField(default=1, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+",
                                   editable=False)
    feedback = models.TextField(_("feedback to the applicant"), blank=True, max_length=10000)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["challenge", "pk"]
        constraints = [
            # One application per organisation per challenge (the service checks first to explain it).
            models.UniqueConstraint(fields=["challenge", "applicant"], name="challenges_application_one_per_org"),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.applicant} → {self.challenge}"

    def get_absolute_url(self) -> str:
        return reverse("challenges:application_detail", kwargs={"pk": self.pk})

    # Status predicates: templates, forms, views and the API ask these, never compare status strings.
    is_submittable = status_in(
        ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN,
        doc="A draft, or a withdrawn application that may be submitted again before the deadline.")
    is_submitted = status_in(ApplicationStatus.SUBMITTED)
    is_shortlisted = status_in(ApplicationStatus.SHORTLISTED)
    is_selected = status_in(ApplicationStatus.SELECTED)

    @property
    def budget_eur(self) -> int | None:
        return to_eur(self.budget, self.currency)

    @property
    def blind_label(self) -> str:
        """How a juror of a blind evaluation sees the applicant."""
        return _("Application %(number)s") % {"number": f"A-{self.pk:04d}"}


class ApplicationPartner(PartOfPage, RestrictedModel):
    """A consortium member invited by the lead applicant; counts once its editors confirm."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="challenge_partnerships")
    role = models.CharField(_("role in the consortium"), max_length=300, blank=True)
    status = models.CharField(max_length=12, choices=PartnerStatus.choices, default=PartnerStatus.INVITED)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    page_of = "application"

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["application", "organisation"],
                                               name="challenges_partner_unique")]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_status_display()})"


class Attachment(RestrictedModel):
    """A file of an application; `content_type` is detected from the bytes, never from the name."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="challenges/attachments/%Y/")
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(editable=False, default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("challenges:attachment_download", kwargs={"pk": self.pk})

    @property
    def blind_title(self) -> str:
        """How a juror of a blind evaluation sees the file (its title and name may name the applicant)."""
        return _("Attachment %(number)s") % {"number": f"A-{self.application_id:04d}-{self.pk}"}
