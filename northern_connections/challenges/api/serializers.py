from django.utils.translation import gettext as _
from rest_framework import serializers

from northern_connections.core.api.fields import VisiblePrimaryKeyRelatedField, VisibleSlugRelatedField
from northern_connections.directory.models import (
    CpvCode,
    NaceCode,
    NutsRegion,
    Organisation,
    ValueChain,
    ValueChainStep,
)

from .. import selectors
from ..conflicts import Conflict
from ..models import (
    Application,
    ApplicationPartner,
    Attachment,
    Challenge,
    Clarification,
    ConflictDeclaration,
    ConflictException,
    EvaluationCriterion,
    JuryAssignment,
    Recommendation,
    Score,
)


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvaluationCriterion
        fields = ["id", "name", "description", "weight"]


class ChallengeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:v1:challenge-detail", lookup_field="slug")
    owner = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())
    co_owners = serializers.SlugRelatedField(slug_field="slug", many=True, required=False,
                                             queryset=Organisation.objects.all())
    nuts_region = serializers.SlugRelatedField(slug_field="code", queryset=NutsRegion.objects.all(), allow_null=True,
                                               required=False)
    value_chains = serializers.SlugRelatedField(slug_field="slug", many=True, required=False,
                                                queryset=ValueChain.objects.all())
    value_chain_steps = serializers.SlugRelatedField(slug_field="slug", many=True, required=False,
                                                     queryset=ValueChainStep.objects.all())
    cpv_codes = serializers.SlugRelatedField(slug_field="code", many=True, required=False,
                                             queryset=CpvCode.objects.all())
    nace_codes = serializers.SlugRelatedField(slug_field="code", many=True, required=False,
                                              queryset=NaceCode.objects.all())
    criteria = CriterionSerializer(many=True, required=False)
    budget_min_eur = serializers.IntegerField(read_only=True, allow_null=True)  # no budget given: null
    owner_verified = serializers.BooleanField(source="owner.is_verified", read_only=True,
                                              help_text="Whether the owner's kind, name and country are verified.")

    class Meta:
        model = Challenge
        fields = [
            "url", "slug", "status", "owner", "owner_verified", "co_owners", "language", "title", "summary", "title_en",
            "summary_en",
            "problem", "desired_outcome", "constraints", "value_chains", "value_chain_steps", "trl_min", "trl_max",
            "cpv_codes", "nace_codes", "nuts_region", "country", "budget_min", "budget_max", "currency",
            "budget_min_eur", "budget_max_eur", "route", "procedure_type", "eligible_countries", "eligible_kinds",
            "smes_only", "consortia_allowed", "max_consortium_size", "blind_evaluation", "contact_name",
            "contact_email", "time_zone", "published_at", "clarification_deadline", "application_deadline",
            "decision_date", "criteria", "created", "updated",
        ]
        read_only_fields = ["slug", "status", "country", "budget_max_eur", "published_at", "owner_verified", "created",
                            "updated"]


class ChallengeListSerializer(ChallengeSerializer):
    """The list leaves out relations that were not prefetched, keeping the query count constant."""

    class Meta(ChallengeSerializer.Meta):
        fields = [f for f in ChallengeSerializer.Meta.fields
                  if f not in ("co_owners", "value_chain_steps", "cpv_codes", "nace_codes", "criteria", "problem",
                               "desired_outcome", "constraints")]


class TransitionSerializer(serializers.Serializer):
    # Blank is let through so that the workflow's check (the one the status form uses) decides and explains.
    to_status = serializers.CharField(allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class ClarificationSerializer(serializers.ModelSerializer):
    challenge = VisibleSlugRelatedField(slug_field="slug", queryset=Challenge.objects.all())
    organisation = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all(),
                                                write_only=True)

    class Meta:
        model = Clarification
        fields = ["id", "challenge", "organisation", "question", "answer", "answered_at", "published", "created"]
        read_only_fields = ["answer", "answered_at", "published", "created"]


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=6000)


class PartnerSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ApplicationPartner
        fields = ["id", "organisation", "role", "status"]


def _identified(serializer, application) -> bool:
    """Whether the requester may know who applied (a blind jury may not: selectors.with_identity)."""
    request = serializer.context.get("request")
    return selectors.application_identified(actor=getattr(request, "user", None), application=application)


class ApplicationSerializer(serializers.ModelSerializer):
    """An application. In a blind evaluation its jury gets `applicant` null and no partners, team,
    references or feedback; `applicant_label` is what they call it instead."""

    challenge = VisibleSlugRelatedField(slug_field="slug", queryset=Challenge.objects.all())
    applicant = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all(), allow_null=True,
                                             help_text="Null for the jury of a blind evaluation.")
    applicant_label = serializers.SerializerMethodField()
    partners = PartnerSerializer(many=True, read_only=True)
    version = serializers.IntegerField(required=False, help_text="The version you read; required for updates.")

    class Meta:
        model = Application
        fields = ["id", "challenge", "applicant", "applicant_label", "status", "title", "solution_summary", "trl",
                  "trl_evidence", "references", "budget", "currency", "team", "version", "submitted_at", "partners",
                  "feedback", "created", "updated"]
        read_only_fields = ["status", "submitted_at", "feedback", "created", "updated"]

    def validate_applicant(self, value):
        if value is None:
            raise serializers.ValidationError(_("Name the lead applicant."))
        return value

    def get_applicant_label(self, application) -> str:
        return str(application.applicant) if _identified(self, application) else str(application.blind_label)

    def to_representation(self, application):
        data = super().to_representation(application)
        if not _identified(self, application):
            data.update(applicant=None, partners=[], team="", references="", feedback="")
        return data


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False)


class ScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = Score
        fields = ["id", "application", "criterion", "value", "comment", "updated"]
        read_only_fields = ["updated"]


# --- consortium partners, attachments, jury, conflicts, recommendations ------------------------------------------


class ApplicationPartnerSerializer(serializers.ModelSerializer):
    """A consortium partner; the lead invites with POST, the partner answers with POST …/respond/."""

    application = VisiblePrimaryKeyRelatedField(queryset=Application.objects.all())
    organisation = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())

    class Meta:
        model = ApplicationPartner
        fields = ["id", "application", "organisation", "role", "status", "confirmed_at", "created"]
        read_only_fields = ["status", "confirmed_at", "created"]


class PartnerResponseSerializer(serializers.Serializer):
    accept = serializers.BooleanField()


class AttachmentSerializer(serializers.ModelSerializer):
    """Send the file as multipart/form-data; its type is detected from its bytes, not from its name."""

    application = VisiblePrimaryKeyRelatedField(queryset=Application.objects.all())
    file = serializers.FileField(write_only=True)
    download = serializers.HyperlinkedIdentityField(view_name="challenges:attachment_download", read_only=True)

    class Meta:
        model = Attachment
        fields = ["id", "application", "title", "file", "content_type", "size", "download", "created"]
        read_only_fields = ["content_type", "size", "created"]
        extra_kwargs = {"title": {"required": False, "allow_blank": True}}

    def to_representation(self, attachment):
        data = super().to_representation(attachment)
        identified = getattr(attachment, "identified", None)  # AttachmentViewSet annotates it (selectors)
        if not (_identified(self, attachment.application) if identified is None else identified):
            # A blind jury: the file's title may name the applicant.
            data["title"] = attachment.blind_title
        return data


class ConflictExceptionSerializer(serializers.ModelSerializer):
    """Why a juror tied to an organisation in the competition may score the competitors; who granted it, when."""

    granted_by = serializers.EmailField(source="granted_by.email", read_only=True, allow_null=True)

    class Meta:
        model = ConflictException
        fields = ["reason", "granted_by", "created"]
        read_only_fields = ["created"]


class JuryAssignmentSerializer(serializers.ModelSerializer):
    """A juror of a challenge, named by the e-mail address they registered with.

    A person who belongs to an applicant or consortium partner is refused unless `exception_reason` says
    why they may score the competitors anyway (recorded as `exception`).
    """

    challenge = VisibleSlugRelatedField(slug_field="slug", queryset=Challenge.objects.all())
    email = serializers.EmailField(source="user.email")
    exception_reason = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=1000)
    exception = ConflictExceptionSerializer(source="conflict_exception", read_only=True, allow_null=True)

    class Meta:
        model = JuryAssignment
        fields = ["id", "challenge", "email", "exception_reason", "exception", "created"]
        read_only_fields = ["created"]


class ConflictDeclarationSerializer(serializers.ModelSerializer):
    application = VisiblePrimaryKeyRelatedField(queryset=Application.objects.all())
    challenge = serializers.SlugRelatedField(source="assignment.challenge", slug_field="slug", read_only=True)

    class Meta:
        model = ConflictDeclaration
        fields = ["id", "challenge", "application", "reason", "created"]
        read_only_fields = ["created"]


class RecommendationSerializer(serializers.ModelSerializer):
    challenge = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Recommendation
        fields = ["id", "challenge", "cluster", "organisation", "message", "created"]


class RecommendSerializer(serializers.Serializer):
    """One recommendation of a challenge to several member SMEs of a cluster (each is notified)."""

    challenge = VisibleSlugRelatedField(slug_field="slug", queryset=Challenge.objects.all())
    cluster = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())
    organisations = serializers.SlugRelatedField(slug_field="slug", many=True, queryset=Organisation.objects.all())
    message = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ExcludedScoreSerializer(serializers.Serializer):
    """A juror's scores of one application that do not count, and why (conflicts.py)."""

    juror = serializers.EmailField(source="juror.email")
    reason = serializers.ChoiceField(choices=[kind.value for kind in Conflict])
    label = serializers.CharField()
    total = serializers.FloatField(allow_null=True, help_text="The juror's weighted total, had it counted (0–100).")


class RankingRowSerializer(serializers.Serializer):
    """One application in the owner's ranking; `mean`, `disagreement` and `jurors` count the included scores."""

    application = serializers.IntegerField(source="application.pk")
    title = serializers.CharField(source="application.title")
    applicant = serializers.CharField(source="application.applicant.slug")
    applicant_name = serializers.CharField(source="applicant_label")
    country = serializers.CharField()
    status = serializers.CharField(source="application.status")
    rank = serializers.IntegerField(source="result.rank", allow_null=True)
    mean = serializers.FloatField(source="result.mean", allow_null=True)
    disagreement = serializers.FloatField(source="result.disagreement", allow_null=True)
    jurors = serializers.IntegerField(source="result.jurors")
    criterion_means = serializers.DictField(child=serializers.FloatField(), source="result.criterion_means")
    excluded = ExcludedScoreSerializer(many=True)
    # A method, not a SlugRelatedField: a related field outside a ModelSerializer has no model for the schema.
    exceptions = serializers.SerializerMethodField(help_text="Jurors whose scores count under an exception.")

    def get_exceptions(self, row) -> list[str]:
        return [user.email for user in row["exceptions"]]
