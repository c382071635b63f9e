"""Admin for platform administrators (a repair tool: writes here bypass the services on purpose).

A decided round's record (decisions, frozen snapshot, scores) is read-only here too: changing it
would break the defensibility the audit trail gives it.
"""

from django.contrib import admin

from .models import (
    Assessor,
    Candidate,
    CandidateComment,
    CandidateInterest,
    Criterion,
    Decision,
    Demonstration,
    LabCall,
    Score,
    SelectionRound,
    ShortlistRun,
)


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "site_type", "proposed_by", "status")
    list_filter = ("status", "site_type", "region__country")
    search_fields = ("name", "slug")
    raw_id_fields = ("proposed_by", "region")
    filter_horizontal = ("hosts", "value_chains")


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class AssessorInline(admin.TabularInline):
    model = Assessor
    extra = 0
    raw_id_fields = ("user",)


@admin.register(SelectionRound)
class RoundAdmin(admin.ModelAdmin):
    list_display = ("name", "coordinator", "status", "per_region", "method", "decided_at")
    list_filter = ("status",)
    readonly_fields = ("status", "decided_at", "frozen")
    raw_id_fields = ("coordinator",)
    filter_horizontal = ("candidates",)
    inlines = [CriterionInline, AssessorInline]


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin):
    list_display = ("assessor", "candidate", "criterion", "value")
    raw_id_fields = ("assessor", "candidate", "criterion")

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.criterion.round.is_decided


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("round", "candidate", "selected", "score", "rank", "region_rank", "frequency")
    list_filter = ("selected", "round")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ShortlistRun)
class RunAdmin(admin.ModelAdmin):
    list_display = ("round", "created", "run_by")
    readonly_fields = ("round", "run_by", "fingerprint", "result")


@admin.register(Demonstration)
class DemonstrationAdmin(admin.ModelAdmin):
    list_display = ("title", "lab", "lead", "trl_before", "trl_after", "status")
    list_filter = ("status",)
    raw_id_fields = ("lab", "lead", "challenge")
    filter_horizontal = ("partners",)


admin.site.register([CandidateInterest, CandidateComment, LabCall])
