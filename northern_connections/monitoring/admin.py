"""Admin for platform administrators: the work plan (partners, budgets, controllers, periods, work
packages, deliverables, indicators), which has no pages of its own yet.

Reports, their items and joint reports are deliberately read-only here: every write of a report goes
through the services (the state machine, the freeze after certification, the audit trail's actor).
"""

from django.contrib import admin

from .models import (
    Activity,
    BudgetLine,
    ControllerAssignment,
    Deliverable,
    ExchangeRate,
    Indicator,
    JointReport,
    PartnerReport,
    Project,
    ProjectPartner,
    ReportingPeriod,
    WorkPackage,
)


class PeriodInline(admin.TabularInline):
    model = ReportingPeriod
    extra = 0
    exclude = ["reminder_sent_at"]


class PartnerInline(admin.TabularInline):
    model = ProjectPartner
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "programme", "start_date", "end_date", "office_flat_rate"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PartnerInline, PeriodInline]


class BudgetInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


class ControllerInline(admin.TabularInline):
    model = ControllerAssignment
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(ProjectPartner)
class ProjectPartnerAdmin(admin.ModelAdmin):
    list_display = ["__str__", "project", "number"]
    list_filter = ["project"]
    inlines = [ControllerInline, BudgetInline]


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0


@admin.register(WorkPackage)
class WorkPackageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "project", "lead"]
    list_filter = ["project"]
    inlines = [ActivityInline]


@admin.register(Deliverable)
class DeliverableAdmin(admin.ModelAdmin):
    list_display = ["__str__", "due_period", "status"]
    list_filter = ["status", "activity__work_package__project"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "baseline", "target", "unit"]
    list_filter = ["project", "kind"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["month", "currency", "rate"]
    list_filter = ["currency"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PartnerReport)
class PartnerReportAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "period", "status", "submitted_at", "certified_at"]
    list_filter = ["status", "period__number"]


@admin.register(JointReport)
class JointReportAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "period", "status", "finalised_at", "published_at"]
