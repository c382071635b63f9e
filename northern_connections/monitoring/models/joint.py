"""The joint report: the lead partner's report for a period, built from certified partner reports."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import RestrictedModel, status_in
from northern_connections.core.workflow import TransitionRecord

from ..choices import JOINT_EDITABLE_STATUSES, JointReportStatus
from .workplan import Project, ReportingPeriod


class JointReport(RestrictedModel):
    """The project's report for a period: certified partner reports aggregated, a narrative, a public summary."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="joint_reports")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="joint_reports")
    number = models.PositiveSmallIntegerField(_("number"))
    status = models.CharField(_("status"), max_length=16, choices=JointReportStatus.choices,
                              default=JointReportStatus.DRAFT)
    narrative = models.TextField(_("narrative"), blank=True)
    public_summary = models.TextField(_("public summary"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("finalised"), null=True, blank=True)
    published_at = models.DateTimeField(_("public summary published"), null=True, blank=True)

    is_editable = status_in(*JOINT_EDITABLE_STATUSES, doc="The lead partner may change the selection and texts.")
    is_finalised = status_in(JointReportStatus.FINALISED)

    class Meta:
        verbose_name = _("joint report")
        verbose_name_plural = _("joint reports")
        ordering = ["project", "number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="monitoring_joint_number")]

    def __str__(self) -> str:
        return _("%(project)s, joint report %(number)s") % {"project": self.project, "number": self.number}

    def get_absolute_url(self) -> str:
        return reverse("monitoring:joint_detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class JointReportTransition(TransitionRecord, RestrictedModel):
    """A move of a joint report's life cycle."""

    joint_report = models.ForeignKey(JointReport, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=32, choices=JointReportStatus.choices)
    to_status = models.CharField(max_length=32, choices=JointReportStatus.choices)

    class Meta(TransitionRecord.Meta):
        verbose_name = _("joint report transition")
        verbose_name_plural = _("joint report transitions")

    def __str__(self) -> str:
        return f"{self.joint_report_id}: {self.from_status} → {self.to_status}"
