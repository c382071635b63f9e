"""Questionnaires are data: platform administrators edit them here (dimensions, weighted questions)."""

from django.contrib import admin

from .models import AssessmentQuestion, Dimension, Questionnaire


class DimensionInline(admin.TabularInline):
    model = Dimension
    extra = 0
    fields = ["order", "key", "name", "description", "support_kinds"]


class QuestionInline(admin.TabularInline):
    model = AssessmentQuestion
    extra = 0
    fields = ["order", "text", "help_text", "weight", "options"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "is_active"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [DimensionInline]


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "questionnaire", "order"]
    list_filter = ["questionnaire"]
    inlines = [QuestionInline]
