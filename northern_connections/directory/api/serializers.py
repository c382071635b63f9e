from rest_framework import serializers

from ..models import NaceCode, NutsRegion, Organisation, Partnership, ValueChain, ValueChainStep, VerificationRequest


class NutsRegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = NutsRegion
        fields = ["code", "name", "level", "country", "cohesion_category"]


class OrganisationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:v1:organisation-detail", lookup_field="slug")
    nuts_region = serializers.SlugRelatedField(slug_field="code", queryset=NutsRegion.objects.all(),
                                               allow_null=True, required=False)
    value_chains = serializers.SlugRelatedField(slug_field="slug", many=True, queryset=ValueChain.objects.all(),
                                                required=False)
    value_chain_steps = serializers.SlugRelatedField(slug_field="slug", many=True, required=False,
                                                     queryset=ValueChainStep.objects.all())
    nace_codes = serializers.SlugRelatedField(slug_field="code", many=True, queryset=NaceCode.objects.all(),
                                              required=False)
    verified = serializers.BooleanField(source="is_verified", read_only=True, help_text=(
        "True when the kind, legal name, country and website were verified (and the name is not held for review)."))
    confirm_unverify = serializers.BooleanField(write_only=True, required=False, default=False, help_text=(
        "Changing the kind, name or country of a verified organisation ends its verification: the request is "
        "refused with HTTP 400 (error on this field) unless this is true."))

    class Meta:
        model = Organisation
        fields = [
            "url", "slug", "kind", "name", "short_name", "country", "nuts_region", "city", "address", "postcode",
            "website", "description", "description_language", "staff_headcount", "turnover_eur", "size_class",
            "nace_codes", "value_chains", "value_chain_steps", "trl", "languages", "source", "external_id",
            "past_projects", "verified", "verification_status", "verified_at", "name_review", "confirm_unverify",
            "created", "updated",
        ]
        read_only_fields = ["slug", "size_class", "source", "external_id", "past_projects", "verification_status",
                            "verified_at", "name_review", "created", "updated"]


class OrganisationListSerializer(OrganisationSerializer):
    """The list omits the M2M fields that were not prefetched, keeping the query count constant."""

    class Meta(OrganisationSerializer.Meta):
        fields = [f for f in OrganisationSerializer.Meta.fields if f not in ("nace_codes", "value_chain_steps")]


class PartnershipSerializer(serializers.ModelSerializer):
    partners = serializers.SerializerMethodField()

    class Meta:
        model = Partnership
        fields = ["slug", "name", "acronym", "programme", "description", "website", "start_date", "end_date",
                  "partners"]

    def get_partners(self, obj) -> list[dict]:
        return [{"organisation": p.organisation.slug, "name": p.organisation.name, "country": p.organisation.country,
                 "role": p.role} for p in obj.partners.all()]


class VocabularySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class VocabulariesSerializer(serializers.Serializer):
    """`GET /api/v1/vocabularies/`: one object, a list per vocabulary."""

    value_chains = VocabularySerializer(many=True)
    value_chain_steps = VocabularySerializer(many=True)


class VerificationRequestSerializer(serializers.ModelSerializer):
    """A verification request with its evidence and decision; `email_domain_matches` is computed by the platform."""

    organisation = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())
    requested_by = serializers.StringRelatedField()
    decided_by = serializers.StringRelatedField()
    similar_to = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = VerificationRequest
        fields = ["id", "organisation", "subject", "status", "claimed_kind", "claimed_name", "claimed_country",
                  "website", "requested_by", "email_domain_matches", "note", "similar_to", "decided_by",
                  "decided_at", "reason", "created"]
        read_only_fields = ["subject", "status", "claimed_kind", "claimed_name", "claimed_country", "requested_by",
                            "email_domain_matches", "similar_to", "decided_by", "decided_at", "reason", "created"]


class VerificationDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000,
                                   help_text="Required when rejecting; shown to the organisation's administrators.")
