"""The work plan of a project: partners and their budgets, periods, work packages, activities,
deliverables and indicators (what partner reports report against)."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from northern_connections.core.models import RestrictedModel

from ..choices import CostCategory, DeliverableStatus, IndicatorKind

MONEY = {"max_digits": 14, "decimal_places": 2}
PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class Project(RestrictedModel):
    """An interregional project monitored on the platform, e.g. Northern Connections.

    Flat rates (office and administration, travel) are a percentage of staff costs when set;
    then nothing may be declared in their category, the amount is computed.
    """

    partnership = models.OneToOneField("directory.Partnership", on_delete=models.PROTECT, related_name="project")
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    slug = models.SlugField(unique=True)
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    office_flat_rate = models.DecimalField(_("office and administration flat rate (percent of staff costs)"),
                                           max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT)
    travel_flat_rate = models.DecimalField(_("travel flat rate (percent of staff costs)"), max_digits=5,
                                           decimal_places=2, null=True, blank=True, validators=PERCENT)
    under_spending_threshold = models.DecimalField(
        _("under-spending threshold (percent of the budget)"), max_digits=5, decimal_places=2, default=Decimal(75),
        validators=PERCENT)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")),
                                              name="monitoring_project_dates")]

    def __str__(self) -> str:
        return self.acronym or self.name

    def get_absolute_url(self) -> str:
        return reverse("monitoring:project_detail", kwargs={"slug": self.slug})


class ProjectPartner(RestrictedModel):
    """A partner of the project (the directory's Partner of the partnership) with its number, PP1 the lead."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    partner = models.OneToOneField("directory.Partner", on_delete=models.PROTECT, related_name="project_partner")
    number = models.PositiveSmallIntegerField(_("partner number"))
    controllers = models.ManyToManyField("accounts.User", through="ControllerAssignment", related_name="+",
                                         blank=True)

    class Meta:
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        ordering = ["project", "number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="monitoring_partner_number")]

    def __str__(self) -> str:
        return f"PP{self.number} {self.partner.organisation}"

    @property
    def organisation(self):
        return self.partner.organisation

    @property
    def role(self) -> str:
        return self.partner.role

    def get_absolute_url(self) -> str:
        return reverse("monitoring:partner_detail", kwargs={"pk": self.pk})


class ControllerAssignment(RestrictedModel):
    """A first-level controller assigned to a partner: they see and control that partner's reports only."""

    project_partner = models.ForeignKey(ProjectPartner, on_delete=models.CASCADE, related_name="controller_assignments")
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="controller_assignments")

    class Meta:
        verbose_name = _("controller assignment")
        verbose_name_plural = _("controller assignments")
        constraints = [models.UniqueConstraint(fields=["project_partner", "user"], name="monitoring_controller_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.project_partner}"


class ReportingPeriod(RestrictedModel):
    """A reporting period of the project: partners report on it by its deadline."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="periods")
    number = models.PositiveSmallIntegerField(_("number"))
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    deadline = models.DateField(_("reporting deadline"))
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="monitoring_period_number"),
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date"))
                                   & models.Q(deadline__gte=models.F("end_date")), name="monitoring_period_dates"),
        ]

    def __str__(self) -> str:
        return _("Period %(number)s") % {"number": self.number}


class BudgetLine(RestrictedModel):
    """A partner's budget in one cost category for one period."""

    project_partner = models.ForeignKey(ProjectPartner, on_delete=models.CASCADE, related_name="budget_lines")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("cost category"), max_length=16, choices=CostCategory.choices)
    amount = models.DecimalField(_("amount (EUR)"), **MONEY, validators=[MinValueValidator(Decimal(0))])

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(fields=["project_partner", "period", "category"], name="monitoring_budget_unique"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="monitoring_budget_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.project_partner} {self.period} {self.get_category_display()}"


class WorkPackage(RestrictedModel):
    """A work package of the project (WP1 management, WP2 communication, ...)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="work_packages")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    objective = models.TextField(_("objective"), blank=True)
    lead = models.ForeignKey(ProjectPartner, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("work package lead"))

    class Meta:
        verbose_name = _("work package")
        verbose_name_plural = _("work packages")
        ordering = ["project", "number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="monitoring_wp_number")]

    def __str__(self) -> str:
        return f"WP{self.number} {self.title}"


class Activity(RestrictedModel):
    """An activity of a work package (A1.1, A1.2, ...)."""

    work_package = models.ForeignKey(WorkPackage, on_delete=models.CASCADE, related_name="activities")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["work_package", "number"]
        constraints = [models.UniqueConstraint(fields=["work_package", "number"], name="monitoring_activity_number")]

    @property
    def code(self) -> str:
        return f"A{self.work_package.number}.{self.number}"

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Deliverable(RestrictedModel):
    """A deliverable of an activity, due in a period; partner reports mark it done."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="deliverables")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    due_period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="deliverables_due",
                                   verbose_name=_("due in period"))
    status = models.CharField(_("status"), max_length=16, choices=DeliverableStatus.choices,
                              default=DeliverableStatus.PLANNED)

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["activity", "number"]
        constraints = [models.UniqueConstraint(fields=["activity", "number"], name="monitoring_deliverable_number")]

    @property
    def code(self) -> str:
        return f"D{self.activity.work_package.number}.{self.activity.number}.{self.number}"

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Indicator(RestrictedModel):
    """An output or result indicator of the project with its baseline, target and unit."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators")
    kind = models.CharField(_("kind"), max_length=8, choices=IndicatorKind.choices)
    code = models.CharField(_("code"), max_length=16)
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, default=Decimal(0))
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    work_package = models.ForeignKey(WorkPackage, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="indicators")

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["project", "kind", "code"]
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="monitoring_indicator_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
