"""API representations of matchmaking results and saved searches."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from northern_connections.challenges.models import Challenge
from northern_connections.directory.countries import COUNTRY_CHOICES
from northern_connections.directory.models import Organisation, ValueChain

from ..models import SavedSearch


class FacetMatchSerializer(serializers.Serializer):
    facet = serializers.CharField()
    sought = serializers.CharField()
    found = serializers.CharField()
    credit = serializers.FloatField()


class MatchFieldsSerializer(serializers.Serializer):
    """The evidence every result carries: rank, score, the plain-words "why" and what produced it."""

    rank = serializers.IntegerField(source="position")
    score = serializers.FloatField()
    why = serializers.CharField()
    matched_terms = serializers.ListField(child=serializers.CharField())
    matched_facets = serializers.SerializerMethodField()
    breakdown = serializers.SerializerMethodField()

    @extend_schema_field(FacetMatchSerializer(many=True))  # a list of objects, not of strings (schemathesis)
    def get_matched_facets(self, result) -> list[dict]:
        return [fm.to_dict() for fm in result.match.matched_facets]

    def get_breakdown(self, result) -> dict[str, float]:
        return {name: round(value, 6) for name, value in result.match.breakdown.items()}


class ChallengeBriefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:v1:challenge-detail", lookup_field="slug")
    title = serializers.CharField(source="display_title")
    owner = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Challenge
        fields = ["url", "slug", "title", "owner", "country", "application_deadline"]


class OrganisationBriefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:v1:organisation-detail", lookup_field="slug")

    class Meta:
        model = Organisation
        fields = ["url", "slug", "name", "kind", "country", "trl", "past_projects"]


class ChallengeMatchSerializer(MatchFieldsSerializer):
    challenge = ChallengeBriefSerializer(source="object")


class OrganisationMatchSerializer(MatchFieldsSerializer):
    organisation = OrganisationBriefSerializer(source="object")


class ChallengeRecommendationsSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    results = ChallengeMatchSerializer(many=True)


class OrganisationRecommendationsSerializer(serializers.Serializer):
    challenge = serializers.CharField()
    results = OrganisationMatchSerializer(many=True)


class SavedSearchSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:v1:savedsearch-detail")
    organisation = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())
    value_chains = serializers.SlugRelatedField(slug_field="slug", many=True, required=False,
                                                queryset=ValueChain.objects.all())
    countries = serializers.ListField(child=serializers.ChoiceField(choices=COUNTRY_CHOICES), required=False)

    class Meta:
        model = SavedSearch
        fields = ["id", "url", "organisation", "name", "text", "value_chains", "trl_min", "trl_max", "countries",
                  "cross_border", "frequency", "active", "is_feed", "last_sent_at", "created", "updated"]
        read_only_fields = ["is_feed", "last_sent_at", "created", "updated"]
