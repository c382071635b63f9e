from rest_framework import serializers

from ..models import Question, Survey


class QuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = ["key", "kind", "text", "help", "required", "options", "rows", "scale_min", "scale_max",
                  "low_label", "high_label", "minimum", "maximum", "max_choices", "condition"]


class SurveySerializer(serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    questions = serializers.SerializerMethodField()

    class Meta:
        model = Survey
        fields = ["id", "slug", "owner", "title", "introduction", "languages", "default_language", "status",
                  "anonymous", "allow_multiple", "open_link", "closes_at", "results_public", "questions"]
        read_only_fields = fields

    def get_questions(self, survey) -> list[dict]:
        return QuestionSerializer(survey.ordered_questions(), many=True).data


class ResultFilterSerializer(serializers.Serializer):
    country = serializers.CharField(required=False, allow_blank=True, max_length=2)
    organisation_kind = serializers.CharField(required=False, allow_blank=True, max_length=32)
    region = serializers.CharField(required=False, allow_blank=True, max_length=8)
