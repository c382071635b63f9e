"""Who may do what on the challenge board (registered with the one gate, core/permissions.py).

Rights follow from organisation membership (owners and co-owners of a challenge, applicant and
partner organisations) and from object-level jury assignments. Beyond "view", "change" and
"delete" the board uses two actions of its own: "evaluate" (a challenge's jurors) and, on
applications, "identify" (who may see who applied: a blind evaluation hides it from the jury).
"""

from __future__ import annotations

from django.db.models import Q

from northern_connections.accounts.choices import EDITING_ROLES
from northern_connections.accounts.models import Membership
from northern_connections.accounts.selectors import (
    admin_organisation_ids,
    editor_organisation_ids,
    member_organisation_ids,
)
from northern_connections.core.permissions import (
    DELETE,
    MATCH,
    VIEW,
    PartPolicy,
    Policy,
    is_platform_admin,
    is_signed_in,
    register,
)
from northern_connections.directory.choices import OrganisationKind

from .choices import EVALUATED_STATUSES, ApplicationStatus, ChallengeStatus, PartnerStatus
from .models import (
    Application,
    ApplicationPartner,
    Attachment,
    Challenge,
    ChallengeDocument,
    ChallengeTransition,
    ChallengeTranslation,
    ChallengeView,
    Clarification,
    ConflictDeclaration,
    ConflictException,
    EvaluationCriterion,
    JuryAssignment,
    Recommendation,
    Score,
)

EVALUATE = "evaluate"
IDENTIFY = "identify"
LEAD = "lead"  # an application: the lead applicant's editors act for the consortium (invite partners)
RECEIPT = "receipt"  # an application: its documents that name the applicant (receipt); not the jurors
FEEDBACK = "feedback"  # an application: the feedback letter, for the applicant's side and the owners who wrote it

# Organisations that may own a challenge: public authorities and clusters (issue 3 §1).
OWNER_KINDS = (OrganisationKind.MUNICIPALITY, OrganisationKind.REGIONAL_AUTHORITY, OrganisationKind.CLUSTER)


def owned_challenge_ids(org_ids):
    """Challenges owned or co-owned by any of `org_ids` (a subquery, never a join)."""
    co_owned = Challenge.co_owners.through.objects.filter(organisation_id__in=org_ids).values("challenge_id")
    return Challenge.objects.filter(Q(owner_id__in=org_ids) | Q(pk__in=co_owned)).values("pk")


def jury_challenge_ids(user):
    return JuryAssignment.objects.filter(user=user).values("challenge_id")


class ChallengePolicy(Policy):
    """Published challenges are public; drafts belong to the owners; owners' editors change them."""

    def scope(self, user, action, queryset):
        if is_platform_admin(user):
            return queryset
        if action == VIEW:
            # "Not a draft" (= PUBLIC_STATUSES) rather than "status IN (six values)": with the IN, SQLite
            # read every public challenge through the status index and sorted them for each page of the
            # board; with the exclusion it walks the deadline index in the board's order and stops early.
            public = ~Q(status=ChallengeStatus.DRAFT)
            if not is_signed_in(user):
                return queryset.filter(public)
            return queryset.filter(public | Q(pk__in=owned_challenge_ids(member_organisation_ids(user))))
        if not is_signed_in(user):
            return queryset.none()
        return self.member_scope(user, action, queryset)

    def member_scope(self, user, action, queryset):
        if action == EVALUATE:
            return queryset.filter(pk__in=jury_challenge_ids(user))
        if action == MATCH:
            # "Organisations for this challenge": its owners' members, and cluster managers, whose job is
            # to bring their members to challenges; the challenge must be visible to them (drafts stay).
            visible = self.scope(user, VIEW, queryset)
            if Membership.objects.filter(user=user, organisation__kind=OrganisationKind.CLUSTER).exists():
                return visible
            return visible.filter(pk__in=owned_challenge_ids(member_organisation_ids(user)))
        if action == DELETE:
            return queryset.filter(owner_id__in=admin_organisation_ids(user), status=ChallengeStatus.DRAFT)
        # CHANGE, HISTORY (the audit trail) and the owners' own pages: the owners' editors
        return queryset.filter(pk__in=owned_challenge_ids(editor_organisation_ids(user)))

    def can_add(self, user, organisation=None, **context):
        if is_platform_admin(user):
            return True
        if not is_signed_in(user):
            return False
        editable = Membership.objects.filter(user=user, role__in=EDITING_ROLES, organisation__kind__in=OWNER_KINDS)
        if organisation is not None:
            editable = editable.filter(organisation=organisation)
        return editable.exists()


class ClarificationPolicy(Policy):
    """Answered, published clarifications are public; the asker and the owners see the rest."""

    def scope(self, user, action, queryset):
        if is_platform_admin(user):
            return queryset
        visible_challenges = Challenge.objects.restrict(user, VIEW).values("pk")
        if action == VIEW:
            if not is_signed_in(user):
                return queryset.filter(published=True, challenge__in=visible_challenges)
            return queryset.filter(
                Q(published=True, challenge__in=visible_challenges)
                | Q(organisation_id__in=member_organisation_ids(user))
                | Q(challenge__in=owned_challenge_ids(editor_organisation_ids(user)))
            )
        if not is_signed_in(user):
            return queryset.none()
        # Answering is the owners' job.
        return queryset.filter(challenge__in=owned_challenge_ids(editor_organisation_ids(user)))

    def can_add(self, user, **context):
        return is_signed_in(user) and Membership.objects.filter(user=user).exists()


def _applications_read_by(user, as_juror: Q):
    """Own and consortium applications, submitted ones of owned challenges, and those `as_juror` adds."""
    orgs = member_organisation_ids(user)
    partner_apps = ApplicationPartner.objects.filter(organisation_id__in=orgs).values("application_id")
    return Application.objects.filter(
        Q(applicant_id__in=orgs)
        | Q(pk__in=partner_apps)
        | Q(challenge__in=owned_challenge_ids(editor_organisation_ids(user)), status__in=EVALUATED_STATUSES)
        | (as_juror & Q(status__in=EVALUATED_STATUSES))
    ).values("pk")


def application_ids_visible(user):
    """Applications a user may read: own and consortium ones, submitted ones of owned or juried challenges."""
    return _applications_read_by(user, Q(challenge__in=jury_challenge_ids(user)))


def application_ids_identifiable(user):
    """Applications whose applicant a user may know: all they may read, less those a blind jury evaluates.

    The applicant's side and the owners always know; a juror knows only when the evaluation is not blind.
    """
    return _applications_read_by(user, Q(challenge__in=jury_challenge_ids(user), challenge__blind_evaluation=False))


def application_ids_editable(user):
    """The lead's editors and the editors of confirmed consortium partners edit an application."""
    orgs = editor_organisation_ids(user)
    confirmed = ApplicationPartner.objects.filter(organisation_id__in=orgs, status=PartnerStatus.CONFIRMED)
    return Application.objects.filter(Q(applicant_id__in=orgs) | Q(pk__in=confirmed.values("application_id"))
                                      ).values("pk")


def applicant_side_ids(user):
    """Applications of which the user is a member of the lead applicant or of a confirmed partner.

    Their documents (the receipt, the feedback letter) name the applicant, so jurors, who may see
    the application itself in a blind evaluation, are not on this side.
    """
    member_orgs = member_organisation_ids(user)
    partners = ApplicationPartner.objects.filter(organisation_id__in=member_orgs, status=PartnerStatus.CONFIRMED)
    return Application.objects.filter(Q(applicant_id__in=member_orgs) | Q(pk__in=partners.values("application_id"))
                                      ).values("pk")


class ApplicationPolicy(Policy):
    public_view = False

    def member_scope(self, user, action, queryset):
        if action == LEAD:
            return queryset.filter(applicant_id__in=editor_organisation_ids(user))
        if action == RECEIPT:
            return queryset.filter(pk__in=applicant_side_ids(user))
        if action == FEEDBACK:
            owned = owned_challenge_ids(editor_organisation_ids(user))
            return queryset.filter(Q(pk__in=applicant_side_ids(user)) | Q(challenge_id__in=owned))
        if action == VIEW:
            return queryset.filter(pk__in=application_ids_visible(user))
        if action == IDENTIFY:
            return queryset.filter(pk__in=application_ids_identifiable(user))
        if action == DELETE:
            return queryset.filter(applicant_id__in=admin_organisation_ids(user), status=ApplicationStatus.DRAFT)
        return queryset.filter(pk__in=application_ids_editable(user))

    def can_add(self, user, **context):
        return is_signed_in(user)


class ApplicationPartnerPolicy(Policy):
    """The invited organisation's editors confirm or decline ("change"); the lead's editors remove.

    Partners name the consortium, so a blind jury does not see them (the "identify" rule).
    """

    public_view = False

    def member_scope(self, user, action, queryset):
        if action == VIEW:
            return queryset.filter(Q(application__in=application_ids_identifiable(user))
                                   | Q(organisation_id__in=member_organisation_ids(user)))
        if action == DELETE:
            return queryset.filter(application__applicant_id__in=editor_organisation_ids(user))
        return queryset.filter(organisation_id__in=editor_organisation_ids(user))


class AttachmentPolicy(Policy):
    public_view = False

    def member_scope(self, user, action, queryset):
        if action == VIEW:
            return queryset.filter(application__in=application_ids_visible(user))
        return queryset.filter(application__in=application_ids_editable(user))


def jury_read_scope(user, via: str = "") -> tuple[Q, Q]:
    """(the juror concerned or the challenge's owners, the owners alone); `via` leads from a row to its assignment."""
    owned = Q(**{f"{via}challenge__in": owned_challenge_ids(editor_organisation_ids(user))})
    return Q(**{f"{via}user": user}) | owned, owned


class JuryAssignmentPolicy(Policy):
    """The owners record jurors and exceptions; the juror concerned and the owners read them."""

    public_view = False

    def __init__(self, via: str = ""):
        self.via = via  # ConflictException rows reach their assignment through "assignment__"

    def member_scope(self, user, action, queryset):
        readers, owners = jury_read_scope(user, self.via)
        return queryset.filter(readers if action == VIEW else owners)


class JurorOwnedPolicy(Policy):
    """Scores and conflict declarations: the juror writes them, the challenge's owners read them."""

    public_view = False

    def member_scope(self, user, action, queryset):
        if action == VIEW:
            return queryset.filter(jury_read_scope(user, "assignment__")[0])
        return queryset.filter(assignment__user=user)


class RecommendationPolicy(Policy):
    public_view = False

    def member_scope(self, user, action, queryset):
        if action == VIEW:
            orgs = member_organisation_ids(user)
            return queryset.filter(Q(cluster_id__in=orgs) | Q(organisation_id__in=orgs))
        return queryset.filter(cluster_id__in=editor_organisation_ids(user))

    def can_add(self, user, cluster=None, **context):
        if is_platform_admin(user):
            return True
        if not is_signed_in(user):
            return False
        editable = Membership.objects.filter(user=user, role__in=EDITING_ROLES,
                                             organisation__kind=OrganisationKind.CLUSTER)
        if cluster is not None:
            editable = editable.filter(organisation=cluster)
        return editable.exists()


register(Challenge, ChallengePolicy())
for model in (ChallengeTranslation, EvaluationCriterion, ChallengeDocument, ChallengeTransition):
    register(model, PartPolicy("challenge", Challenge))  # criteria, translations, documents, history
class ChallengeViewPolicy(Policy):
    """View counts are the owners' reach statistics."""

    public_view = False

    def member_scope(self, user, action, queryset):
        return queryset.filter(challenge__in=owned_challenge_ids(editor_organisation_ids(user))) if action == VIEW \
            else queryset.none()


register(ChallengeView, ChallengeViewPolicy())
register(Clarification, ClarificationPolicy())
register(Application, ApplicationPolicy())
register(ApplicationPartner, ApplicationPartnerPolicy())
register(Attachment, AttachmentPolicy())
register(JuryAssignment, JuryAssignmentPolicy())
register(ConflictDeclaration, JurorOwnedPolicy())
register(ConflictException, JuryAssignmentPolicy(via="assignment__"))
register(Score, JurorOwnedPolicy())
register(Recommendation, RecommendationPolicy())
