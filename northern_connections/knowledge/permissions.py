"""Who may do what in the knowledge centre (registered with the one gate, core/permissions.py).

- Cases: public once published; the buyer's editors write their own; adding one needs a verified
  public authority (`BUYER_KINDS`) that the actor edits.
- Toolbox: public once a version was published; the lead author's and co-authors' editors write;
  reviewers ("review": platform administrators and editors of a verified lead partner, who keep the
  partnership's knowledge centre) publish or send back.
- Self-assessments: private to the SME's members, and to the managers (editors) of a cluster the
  SME shared them with.
- Publications: public once published; the publisher's editors write; verified organisations publish.
- Conversations: the two people in them. Q&A: published posts are public; moderators (the reviewers)
  see everything, let questions through and decide abuse reports.
"""

from __future__ import annotations

from django.db.models import Q

from northern_connections.accounts.selectors import editor_organisation_ids, member_organisation_ids
from northern_connections.core.permissions import (
    CHANGE,
    VIEW,
    PartPolicy,
    Policy,
    is_platform_admin,
    is_signed_in,
    register,
)
from northern_connections.directory.choices import OrganisationKind
from northern_connections.directory.models import Organisation
from northern_connections.directory.models.organisations import verified_kind_q
from northern_connections.support.permissions import is_coordinator

from .choices import AUTHOR_KINDS, BUYER_KINDS, PUBLIC_CASE_STATUSES, VISIBLE_POST_STATUSES, PublicationStatus
from .models import (
    AbuseReport,
    Assessment,
    AssessmentQuestion,
    AssessmentShare,
    CaseTransition,
    CommunityAnswer,
    CommunityQuestion,
    Conversation,
    Dimension,
    LearnerProgress,
    Lesson,
    Message,
    ProcurementCase,
    Publication,
    Questionnaire,
    QuizQuestion,
    Tag,
    ToolboxItem,
    ToolboxTransition,
    ToolboxVersion,
)

REVIEW = "review"  # a toolbox item: publish it or send it back to its authors
MODERATE = "moderate"  # a Q&A post or report: let through, hide, decide
ACCEPT = "accept"  # a question: its author marks the accepted answer
SHARE = "share"  # a self-assessment: share it with a cluster


def is_reviewer(user) -> bool:
    """Reviewers of the toolbox and moderators of the Q&A: the coordinators of the partnership."""
    return is_coordinator(user)


def buyer_organisations(user):
    """Verified public authorities the user edits (where they may add cases); all of them for admins."""
    buyers = Organisation.objects.filter(verified_kind_q(BUYER_KINDS))
    if is_platform_admin(user):
        return buyers
    if not is_signed_in(user):
        return buyers.none()
    return buyers.filter(pk__in=editor_organisation_ids(user))


def author_organisations(user):
    """Verified clusters, public authorities and knowledge institutions the user edits: they author toolbox
    items and publish lessons learned (SMEs use the toolbox, they do not publish in it)."""
    verified = Organisation.objects.filter(verified_kind_q(AUTHOR_KINDS))
    if is_platform_admin(user):
        return verified
    if not is_signed_in(user):
        return verified.none()
    return verified.filter(pk__in=editor_organisation_ids(user))


def sme_organisations(user):
    """SMEs the user belongs to (where they may take the self-assessment)."""
    smes = Organisation.objects.filter(kind=OrganisationKind.SME)
    if not is_signed_in(user):
        return smes.none()
    return smes.filter(pk__in=member_organisation_ids(user))


class CasePolicy(Policy):
    """Published and archived cases are public; drafts belong to the buyer's editors."""

    def scope(self, user, action, queryset):
        if action == VIEW and not is_platform_admin(user):
            visible = Q(status__in=PUBLIC_CASE_STATUSES)
            if is_signed_in(user):
                visible |= Q(buyer_id__in=editor_organisation_ids(user))
            return queryset.filter(visible)
        return super().scope(user, action, queryset)

    def member_scope(self, user, action, queryset):
        return queryset.filter(buyer_id__in=editor_organisation_ids(user))

    def can_add(self, user, buyer=None, **context):
        buyers = buyer_organisations(user)
        return (buyers.filter(pk=buyer.pk) if buyer is not None else buyers).exists()


class ToolboxPolicy(Policy):
    """Public once a version was published; authors' editors and reviewers see and change the working copy."""

    def _authors(self, user):
        editors = editor_organisation_ids(user)
        return Q(lead_author_id__in=editors) | Q(pk__in=ToolboxItem.authors.through.objects.filter(
            organisation_id__in=editors).values("toolboxitem_id"))

    def scope(self, user, action, queryset):
        if action == VIEW and not is_platform_admin(user):
            visible = Q(version__gt=0)
            if is_reviewer(user):
                return queryset
            if is_signed_in(user):
                visible |= self._authors(user)
            return queryset.filter(visible)
        return super().scope(user, action, queryset)

    def member_scope(self, user, action, queryset):
        if is_reviewer(user):
            return queryset
        if action == REVIEW:
            return queryset.none()
        return queryset.filter(self._authors(user))

    def can_add(self, user, lead_author=None, **context):
        authors = author_organisations(user)
        return (authors.filter(pk=lead_author.pk) if lead_author is not None else authors).exists()


class LearnerProgressPolicy(Policy):
    """A learner's own progress."""

    public_view = False

    def member_scope(self, user, action, queryset):
        return queryset.filter(learner=user)

    def can_add(self, user, **context):
        return is_signed_in(user)


class AssessmentPolicy(Policy):
    """The SME's members; the editors of a cluster it was shared with see it (VIEW only)."""

    public_view = False

    def member_scope(self, user, action, queryset):
        mine = Q(organisation_id__in=member_organisation_ids(user))
        if action == VIEW:
            shared = AssessmentShare.objects.filter(cluster_id__in=editor_organisation_ids(user))
            return queryset.filter(mine | Q(pk__in=shared.values("assessment_id")))
        return queryset.filter(mine)

    def can_add(self, user, organisation=None, **context):
        smes = sme_organisations(user)
        return (smes.filter(pk=organisation.pk) if organisation is not None else smes).exists()


class AssessmentSharePolicy(PartPolicy):
    """Seen with the assessment; made and withdrawn by the SME's members."""

    def __init__(self):
        super().__init__("assessment", Assessment)


class PublicationPolicy(Policy):
    """Published ones are public; drafts belong to the publisher's editors."""

    def scope(self, user, action, queryset):
        if action == VIEW and not is_platform_admin(user):
            visible = Q(status=PublicationStatus.PUBLISHED)
            if is_signed_in(user):
                visible |= Q(publisher_id__in=editor_organisation_ids(user))
            return queryset.filter(visible)
        return super().scope(user, action, queryset)

    def member_scope(self, user, action, queryset):
        return queryset.filter(publisher_id__in=editor_organisation_ids(user))

    def can_add(self, user, publisher=None, **context):
        authors = author_organisations(user)
        return (authors.filter(pk=publisher.pk) if publisher is not None else authors).exists()


class ConversationPolicy(Policy):
    """The peer who started it and the advising contact; nobody else (platform admins aside)."""

    public_view = False

    def member_scope(self, user, action, queryset):
        return queryset.filter(Q(started_by=user) | Q(advisor=user))

    def can_add(self, user, **context):
        return is_signed_in(user)


class MessagePolicy(PartPolicy):
    """Read and written by the two people of the conversation."""

    def __init__(self):
        super().__init__("conversation", Conversation)

    def writable_parents(self, user):
        return Conversation.objects.restrict(user, VIEW).values("pk")


class QuestionPolicy(Policy):
    """Published questions are public; authors see their own pending ones; moderators see all."""

    def scope(self, user, action, queryset):
        if action == VIEW and not is_platform_admin(user):
            if is_reviewer(user):
                return queryset
            visible = Q(status__in=VISIBLE_POST_STATUSES)
            if is_signed_in(user):
                visible |= Q(author=user)
            return queryset.filter(visible)
        return super().scope(user, action, queryset)

    def member_scope(self, user, action, queryset):
        if action == MODERATE:
            return queryset if is_reviewer(user) else queryset.none()
        if action == ACCEPT:
            return queryset.filter(author=user, status__in=VISIBLE_POST_STATUSES)
        return queryset.filter(author=user) if action == CHANGE else queryset.none()

    def can_add(self, user, **context):
        return is_signed_in(user)


class AnswerPolicy(Policy):
    """Published answers of visible questions are public; authors see their own; moderators all."""

    def scope(self, user, action, queryset):
        if is_platform_admin(user):
            return queryset
        questions = CommunityQuestion.objects.restrict(user, VIEW).values("pk")
        if action == VIEW:
            if is_reviewer(user):
                return queryset
            visible = Q(status__in=VISIBLE_POST_STATUSES)
            if is_signed_in(user):
                visible |= Q(author=user)
            return queryset.filter(visible, question_id__in=questions)
        if not is_signed_in(user):
            return queryset.none()
        if action == MODERATE:
            return queryset if is_reviewer(user) else queryset.none()
        return queryset.filter(author=user) if action == CHANGE else queryset.none()

    def can_add(self, user, **context):
        return is_signed_in(user)


class AbuseReportPolicy(Policy):
    """The reporter sees their report; moderators see and decide all of them."""

    public_view = False

    def member_scope(self, user, action, queryset):
        if is_reviewer(user):
            return queryset
        return queryset.filter(reporter=user) if action == VIEW else queryset.none()

    def can_add(self, user, **context):
        return is_signed_in(user)


class QuestionnairePartPolicy(Policy):
    """Questionnaires are data: public to read, written by platform administrators (the default policy)."""


register(ProcurementCase, CasePolicy())
register(CaseTransition, PartPolicy("case", ProcurementCase))
register(ToolboxItem, ToolboxPolicy())
register(ToolboxTransition, PartPolicy("item", ToolboxItem))
register(ToolboxVersion, PartPolicy("item", ToolboxItem))
register(Lesson, PartPolicy("item", ToolboxItem))
register(QuizQuestion, PartPolicy("item", ToolboxItem))
register(LearnerProgress, LearnerProgressPolicy())
for _model in (Questionnaire, Dimension, AssessmentQuestion, Tag):
    register(_model, QuestionnairePartPolicy())
register(Assessment, AssessmentPolicy())
register(AssessmentShare, AssessmentSharePolicy())
register(Publication, PublicationPolicy())
register(Conversation, ConversationPolicy())
register(Message, MessagePolicy())
register(CommunityQuestion, QuestionPolicy())
register(CommunityAnswer, AnswerPolicy())
register(AbuseReport, AbuseReportPolicy())
