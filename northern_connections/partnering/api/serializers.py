from rest_framework import serializers

from northern_connections.directory.models import Organisation, ValueChainStep

from ..models import Consortium, ConsortiumMember, FundingCall, PartnerRequest
from ..regions import organisation_category


class FundingCallSerializer(serializers.ModelSerializer):
    class Meta:
        model = FundingCall
        fields = ["id", "slug", "topic_identifier", "call_identifier", "programme", "title", "call_title",
                  "action_type", "stage", "deadline", "second_deadline", "deadline_model", "status", "budget_min_eur",
                  "budget_max_eur", "expected_grants", "keywords", "url", "eligible_countries", "min_partners",
                  "min_countries", "required_categories", "description"]
        read_only_fields = fields


class PartnerRequestSerializer(serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())
    call = serializers.SlugRelatedField(slug_field="slug", queryset=FundingCall.objects.all(), required=False,
                                        allow_null=True)
    value_chain_steps = serializers.SlugRelatedField(slug_field="slug", many=True, required=False,
                                                     queryset=ValueChainStep.objects.all())

    class Meta:
        model = PartnerRequest
        fields = ["id", "reference", "kind", "owner", "call", "title", "summary", "description", "partner_sought",
                  "partnership_type", "keywords", "value_chain_steps", "trl", "target_countries", "interest_deadline",
                  "published_on", "valid_until", "extended", "status"]
        read_only_fields = ["id", "reference", "published_on", "valid_until", "extended", "status"]

    def validate(self, attrs):
        return attrs  # the services hold the rules

    def update_fields(self) -> dict:
        data = dict(self.validated_data)
        data.pop("owner", None)  # a request stays with its organisation
        return data


class ConsortiumMemberSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    region_category = serializers.SerializerMethodField()

    class Meta:
        model = ConsortiumMember
        fields = ["organisation", "role", "status", "work_packages_led", "budget_eur", "region_category"]

    def get_region_category(self, member) -> str | None:
        return organisation_category(member.organisation)


class ConsortiumSerializer(serializers.ModelSerializer):
    call = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    members = ConsortiumMemberSerializer(many=True, read_only=True)

    class Meta:
        model = Consortium
        fields = ["id", "slug", "name", "acronym", "summary", "status", "call", "members"]
        read_only_fields = fields
