from rest_framework import serializers

from northern_connections.directory.models import CpvCode, EformsCode, Organisation, ValueChain

from ..choices import INNOVATIVE_ACQUISITION_LIST
from ..models import Assessment, CommunityQuestion, ProcurementCase, Publication, ToolboxItem


class ProcurementCaseSerializer(serializers.ModelSerializer):
    buyer = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())
    cpv_codes = serializers.SlugRelatedField(slug_field="code", many=True, required=False,
                                             queryset=CpvCode.objects.all())
    value_chains = serializers.SlugRelatedField(slug_field="slug", many=True, required=False,
                                                queryset=ValueChain.objects.all())
    innovative_acquisitions = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False,
        queryset=EformsCode.objects.filter(list_name=INNOVATIVE_ACQUISITION_LIST))
    advisor = serializers.SerializerMethodField()

    class Meta:
        model = ProcurementCase
        fields = ["id", "slug", "buyer", "country", "title", "title_en", "language", "summary", "summary_en",
                  "description", "need", "procedure", "innovative_acquisitions", "innovation_goal", "cpv_codes",
                  "sector", "value_chains", "stage", "budget_eur", "contract_value_eur", "preparation_start",
                  "tender_published", "contract_signed", "implementation_start", "implementation_end", "outcome",
                  "results", "lessons", "links", "advisor", "advisor_role", "status", "published_at"]
        read_only_fields = ["id", "slug", "country", "status", "published_at", "advisor"]

    def get_advisor(self, obj) -> str:
        return str(obj.advisor) if obj.advisor_id else ""

    def validate(self, attrs):
        return attrs  # the services hold the rules (procedure codes, verified buyer, dates)

    def update_fields(self) -> dict:
        data = dict(self.validated_data)
        data.pop("buyer", None)  # a case stays with its buyer
        return data


class ToolboxItemSerializer(serializers.ModelSerializer):
    lead_author = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    authors = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = ToolboxItem
        fields = ["id", "slug", "kind", "title", "summary", "language", "audience", "format", "licence", "link",
                  "topics", "lead_author", "authors", "version", "status", "published_at"]
        read_only_fields = fields


class PublicationSerializer(serializers.ModelSerializer):
    publisher = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    tags = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Publication
        fields = ["id", "slug", "kind", "title", "summary", "body", "language", "link", "tags", "publisher",
                  "status", "published_at"]
        read_only_fields = fields


class CommunityQuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommunityQuestion
        fields = ["id", "slug", "title", "body", "language", "status", "accepted_answer", "created"]
        read_only_fields = fields


class AssessmentSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    questionnaire = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "questionnaire", "organisation", "status", "scores", "overall", "completed_at"]
        read_only_fields = fields


class SearchHitSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    snippet = serializers.CharField()
    language = serializers.CharField()
    meta = serializers.CharField()


class SearchSectionSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    hits = SearchHitSerializer(many=True)
