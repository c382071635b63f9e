"""Requests to verify an organisation (or to approve its name) and the decisions taken on them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import RestrictedModel

from ..choices import OrganisationKind, VerificationRequestStatus, VerificationSubject
from ..countries import COUNTRY_CHOICES
from .organisations import Organisation


class VerificationRequest(RestrictedModel):
    """An organisation asks to have its claims checked, with the evidence a decider needs.

    The claims (kind, legal name, country) are copied when the request is made: a decision
    verifies what the decider saw, so an organisation edited in between cannot be approved with
    its new claims. Name requests (subject "name") are opened by the platform when a new name is
    close to a verified one; only platform administrators decide those. Each row is the record of
    one decision (who, when, why), shown to the organisation's administrators.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="verification_requests")
    subject = models.CharField(_("subject"), max_length=10, choices=VerificationSubject.choices,
                               default=VerificationSubject.IDENTITY)
    status = models.CharField(_("status"), max_length=10, choices=VerificationRequestStatus.choices,
                              default=VerificationRequestStatus.PENDING, db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    claimed_kind = models.CharField(_("claimed kind"), max_length=32, choices=OrganisationKind.choices)
    claimed_name = models.CharField(_("claimed legal name"), max_length=300)
    claimed_country = models.CharField(_("claimed country"), max_length=2, choices=COUNTRY_CHOICES)
    website = models.URLField(_("official website"), blank=True)
    requester_email = models.EmailField(_("requester's e-mail address"), blank=True)
    email_domain_matches = models.BooleanField(_("e-mail domain matches the website"), default=False)
    note = models.TextField(_("note to the decider"), blank=True, max_length=2000)
    document = models.FileField(_("supporting document"), upload_to="verification/", blank=True)
    document_type = models.CharField(max_length=100, blank=True, editable=False)
    similar_to = models.ForeignKey(Organisation, verbose_name=_("close to the verified organisation"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("verification request")
        verbose_name_plural = _("verification requests")
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "subject"], condition=models.Q(status="pending"),
                                    name="directory_verification_one_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.get_subject_display()}: {self.claimed_name}"

    def get_absolute_url(self) -> str:
        return reverse("directory:verificationrequest_detail", kwargs={"pk": self.pk})

    @property
    def is_identity(self) -> bool:
        return self.subject == VerificationSubject.IDENTITY

    @property
    def is_pending(self) -> bool:
        return self.status == VerificationRequestStatus.PENDING
