"""API shapes of project monitoring: reads of the work plan and reports; writes go through the services."""

from rest_framework import serializers

from northern_connections.core.api.fields import VisiblePrimaryKeyRelatedField

from .. import selectors
from ..models import ExchangeRate, ExpenditureItem, JointReport, PartnerReport, Project, ProjectPartner, ReportingPeriod


class ProjectPartnerSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="partner.organisation.name", read_only=True)
    role = serializers.CharField(source="partner.role", read_only=True)

    class Meta:
        model = ProjectPartner
        fields = ["id", "number", "organisation", "role"]


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingPeriod
        fields = ["id", "number", "start_date", "end_date", "deadline"]


class ProjectSerializer(serializers.ModelSerializer):
    partners = ProjectPartnerSerializer(many=True, read_only=True)
    periods = PeriodSerializer(many=True, read_only=True)

    class Meta:
        model = Project
        fields = ["slug", "name", "acronym", "programme", "start_date", "end_date", "office_flat_rate",
                  "travel_flat_rate", "partners", "periods"]


class FiguresSerializer(serializers.Serializer):
    declared = serializers.DecimalField(max_digits=16, decimal_places=2)
    eligible = serializers.DecimalField(max_digits=16, decimal_places=2)
    deducted = serializers.DecimalField(max_digits=16, decimal_places=2)
    parked = serializers.DecimalField(max_digits=16, decimal_places=2)
    in_sample = serializers.DecimalField(max_digits=16, decimal_places=2)


class PartnerReportSerializer(serializers.ModelSerializer):
    project = serializers.SlugRelatedField(source="project_partner.project", slug_field="slug", read_only=True)
    partner_number = serializers.IntegerField(source="project_partner.number", read_only=True)
    period_number = serializers.IntegerField(source="period.number", read_only=True)
    totals = serializers.SerializerMethodField()

    class Meta:
        model = PartnerReport
        fields = ["id", "project", "project_partner", "partner_number", "period", "period_number", "number", "status",
                  "highlights", "problems", "submitted_at", "certified_at", "control_conclusion", "joint_report",
                  "totals"]
        read_only_fields = ["number", "status", "submitted_at", "certified_at", "control_conclusion",
                            "joint_report", "highlights", "problems"]
        extra_kwargs = {"project_partner": {"read_only": True}, "period": {"read_only": True}}

    def get_totals(self, report) -> dict:
        return FiguresSerializer(selectors.report_overview(report).total).data


class ReportCreateSerializer(serializers.Serializer):
    project_partner = serializers.PrimaryKeyRelatedField(queryset=ProjectPartner.objects.all())
    period = serializers.PrimaryKeyRelatedField(queryset=ReportingPeriod.objects.all())


class ExpenditureItemSerializer(serializers.ModelSerializer):
    report = VisiblePrimaryKeyRelatedField(queryset=PartnerReport.objects.all())

    class Meta:
        model = ExpenditureItem
        fields = ["id", "report", "number", "category", "description", "invoice_number", "invoice_date",
                  "payment_date", "amount", "vat", "currency", "rate", "declared_eur", "parked_from", "in_sample",
                  "controlled", "eligible_eur", "deducted_eur", "parked_eur", "error_type", "control_comment"]
        read_only_fields = ["number", "rate", "declared_eur", "parked_from", "in_sample", "controlled",
                            "eligible_eur", "deducted_eur", "parked_eur", "error_type", "control_comment"]


class ItemControlSerializer(serializers.Serializer):
    in_sample = serializers.BooleanField(default=False)
    deducted = serializers.DecimalField(max_digits=14, decimal_places=2, default=0, min_value=0)
    parked = serializers.BooleanField(default=False)
    error_type = serializers.CharField(allow_blank=True, default="")
    comment = serializers.CharField(allow_blank=True, default="")


class TransitionSerializer(serializers.Serializer):
    # Blank is let through so that the workflow's check (the one the status form uses) decides and explains.
    to_status = serializers.CharField(allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class JointReportSerializer(serializers.ModelSerializer):
    project = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    period_number = serializers.IntegerField(source="period.number", read_only=True)
    partner_reports = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    totals = serializers.SerializerMethodField()

    class Meta:
        model = JointReport
        fields = ["id", "project", "period", "period_number", "number", "status", "narrative", "public_summary",
                  "submitted_at", "finalised_at", "published_at", "partner_reports", "totals"]
        read_only_fields = fields

    def get_totals(self, joint) -> dict:
        return FiguresSerializer(selectors.joint_figures(joint).aggregate.total).data


class ExchangeRateSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExchangeRate
        fields = ["id", "currency", "month", "rate"]
