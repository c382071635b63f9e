"""Partner reports: progress, indicator contributions and expenditure, with the controller's work,
and the EU monthly accounting rates that convert expenditure into euro."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import RestrictedModel, status_in
from northern_connections.core.workflow import TransitionRecord

from ..choices import (
    BACK_TO_CONTROL_STATUSES,
    FULLY_EDITABLE_STATUSES,
    PARTNER_EDITABLE_STATUSES,
    REOPENED_STATUSES,
    ControlConclusion,
    CostCategory,
    ErrorType,
    ReportStatus,
)
from .workplan import MONEY, Activity, Deliverable, Indicator, ProjectPartner, ReportingPeriod, WorkPackage

RATE = {"max_digits": 14, "decimal_places": 6}
HALF_CENT = Decimal("0.005")


class ExchangeRate(RestrictedModel):
    """The EU's monthly accounting rate (InforEuro) of a currency: 1 EUR = `rate` units, for one month.

    Kept by platform administrators, one row per currency and month; a report's expenditure in
    another currency is converted at the rate of the month in which the report is submitted.
    """

    currency = models.CharField(_("currency"), max_length=3)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    rate = models.DecimalField(_("units per euro"), **RATE, validators=[MinValueValidator(Decimal("0.000001"))])

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["-month", "currency"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "month"], name="monitoring_rate_unique"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="monitoring_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.month:%Y-%m}: {self.rate}"

    def clean(self) -> None:
        if self.month and self.month.day != 1:
            raise ValidationError({"month": _("Give the first day of the month.")})
        if self.currency and (len(self.currency) != 3 or not self.currency.isascii() or not self.currency.isupper()):
            raise ValidationError({"currency": _("A currency is three capital letters (ISO 4217), e.g. NOK.")})
        if self.currency == "EUR":
            raise ValidationError({"currency": _("The euro needs no exchange rate.")})


class PartnerReport(RestrictedModel):
    """One partner's progress and finance report for a period, controlled by its first-level controller."""

    project_partner = models.ForeignKey(ProjectPartner, on_delete=models.PROTECT, related_name="reports")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="partner_reports")
    number = models.PositiveSmallIntegerField(_("number"))
    status = models.CharField(_("status"), max_length=32, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    highlights = models.TextField(_("summary of progress"), blank=True)
    problems = models.TextField(_("problems and deviations"), blank=True)
    deliverables_done = models.ManyToManyField(Deliverable, blank=True, related_name="reported_done_in",
                                               verbose_name=_("deliverables done"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    certified_at = models.DateTimeField(_("certified"), null=True, blank=True)
    control_conclusion = models.CharField(_("overall conclusion"), max_length=16, blank=True,
                                          choices=ControlConclusion.choices)
    control_follow_up = models.TextField(_("follow-up"), blank=True)
    joint_report = models.ForeignKey("monitoring.JointReport", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="partner_reports")

    is_draft = status_in(ReportStatus.DRAFT)
    is_partner_editable = status_in(*PARTNER_EDITABLE_STATUSES, doc="The partner may change the report.")
    amounts_editable = status_in(*FULLY_EDITABLE_STATUSES, doc="Expenditure and its amounts may still change.")
    is_reopened = status_in(*REOPENED_STATUSES)
    returns_to_control = status_in(*BACK_TO_CONTROL_STATUSES)
    is_in_control = status_in(ReportStatus.IN_CONTROL, doc="The controller may record control work.")
    is_certified = status_in(ReportStatus.CERTIFIED, doc="Frozen: control finalised.")

    class Meta:
        verbose_name = _("partner report")
        verbose_name_plural = _("partner reports")
        ordering = ["project_partner", "number"]
        constraints = [models.UniqueConstraint(fields=["project_partner", "number"], name="monitoring_report_number")]

    def __str__(self) -> str:
        return _("%(partner)s, report %(number)s") % {"partner": self.project_partner, "number": self.number}

    def get_absolute_url(self) -> str:
        return reverse("monitoring:report_detail", kwargs={"pk": self.pk})


class ReportTransition(TransitionRecord, RestrictedModel):
    """A move of a partner report's life cycle; a reopening's reason is its note."""

    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=32, choices=ReportStatus.choices)
    to_status = models.CharField(max_length=32, choices=ReportStatus.choices)

    class Meta(TransitionRecord.Meta):
        verbose_name = _("report transition")
        verbose_name_plural = _("report transitions")

    def __str__(self) -> str:
        return f"{self.report_id}: {self.from_status} → {self.to_status}"


class ProgressEntry(RestrictedModel):
    """What the partner contributed to a work package (or one of its activities) in the period."""

    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="progress")
    work_package = models.ForeignKey(WorkPackage, on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    contribution = models.TextField(_("contribution"))
    evidence = models.FileField(_("evidence"), upload_to="monitoring/evidence/%Y/", blank=True)

    class Meta:
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        ordering = ["work_package__number", "activity__number", "pk"]

    def __str__(self) -> str:
        return f"{self.report}: {self.activity or self.work_package}"


class IndicatorContribution(RestrictedModel):
    """The partner's contribution to an output or result indicator in the period."""

    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="indicator_contributions")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="contributions")
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2,
                                validators=[MinValueValidator(Decimal(0))])
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("indicator contribution")
        verbose_name_plural = _("indicator contributions")
        ordering = ["indicator__code"]
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="monitoring_contribution_unique")]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.value}"


class ExpenditureItem(RestrictedModel):
    """One item of expenditure declared in a report, and what first-level control made of it.

    Amounts in euro are fixed when the report is submitted (`declared_eur`, at the rate of the
    month of submission) and the controller's decision splits them: declared = eligible +
    deducted + parked, which the database holds as a constraint. A parked item moves to the
    partner's next report as a new item pointing back to it (`parked_from`), keeping its rate.
    """

    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveIntegerField(_("number"))
    category = models.CharField(_("cost category"), max_length=16, choices=CostCategory.choices)
    description = models.CharField(_("description"), max_length=500)
    invoice_number = models.CharField(_("invoice number"), max_length=60, blank=True)
    invoice_date = models.DateField(_("invoice date"), null=True, blank=True)
    payment_date = models.DateField(_("payment date"), null=True, blank=True)
    amount = models.DecimalField(_("declared amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    vat = models.DecimalField(_("of which VAT"), **MONEY, default=Decimal("0.00"),
                              validators=[MinValueValidator(Decimal(0))])
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    rate = models.DecimalField(_("exchange rate used (units per euro)"), **RATE, null=True, blank=True)
    declared_eur = models.DecimalField(_("declared (EUR)"), **MONEY, null=True, blank=True)
    attachment = models.FileField(_("attachment"), upload_to="monitoring/expenditure/%Y/", blank=True)
    parked_from = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="carried_to", verbose_name=_("parked in"))
    # First-level control
    in_sample = models.BooleanField(_("in the sample"), default=False)
    controlled = models.BooleanField(_("controlled"), default=False)
    eligible_eur = models.DecimalField(_("eligible after control (EUR)"), **MONEY, default=Decimal("0.00"))
    deducted_eur = models.DecimalField(_("deducted (EUR)"), **MONEY, default=Decimal("0.00"))
    parked_eur = models.DecimalField(_("parked (EUR)"), **MONEY, default=Decimal("0.00"))
    error_type = models.CharField(_("type of error"), max_length=16, choices=ErrorType.choices, blank=True)
    control_comment = models.TextField(_("controller's comment"), blank=True)

    class Meta:
        verbose_name = _("expenditure item")
        verbose_name_plural = _("expenditure items")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="monitoring_item_number"),
            models.CheckConstraint(condition=Q(amount__gt=0) & Q(vat__gte=0) & Q(vat__lte=F("amount")),
                                   name="monitoring_item_amounts"),
            # Exact on PostgreSQL (numeric); SQLite adds decimals as binary floats (0.1 + 0.2 != 0.3), so
            # the sum is compared within half a cent, which for two-decimal amounts is still equality.
            models.CheckConstraint(
                condition=Q(eligible_eur__gte=0) & Q(deducted_eur__gte=0) & Q(parked_eur__gte=0)
                & (Q(declared_eur__isnull=True)
                   | Q(declared_eur__gt=F("eligible_eur") + F("deducted_eur") + F("parked_eur") - HALF_CENT,
                       declared_eur__lt=F("eligible_eur") + F("deducted_eur") + F("parked_eur") + HALF_CENT)),
                name="monitoring_item_balanced_v2"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.description}"

    @property
    def is_parked(self) -> bool:
        return self.parked_eur > 0

    @property
    def is_carried(self) -> bool:
        """Parked in an earlier report and declared again here: its amounts come from that report."""
        return self.parked_from_id is not None

    def clean(self) -> None:
        errors = {}
        if self.vat is not None and self.amount is not None and self.vat > self.amount:
            errors["vat"] = _("The VAT cannot be more than the declared amount.")
        if self.invoice_date and self.payment_date and self.payment_date < self.invoice_date:
            errors["payment_date"] = _("The payment cannot precede the invoice.")
        if self.currency and (len(self.currency) != 3 or not self.currency.isascii() or not self.currency.isupper()):
            errors["currency"] = _("A currency is three capital letters (ISO 4217), e.g. NOK.")
        if self.deducted_eur and not self.error_type:
            errors["error_type"] = _("Give the type of error for a deduction.")
        if errors:
            raise ValidationError(errors)
