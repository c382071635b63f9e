"""The target audience (from the directory) and the invitations and reminders sent to its people."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from northern_connections.accounts.models import Membership, User
from northern_connections.core import clock
from northern_connections.core.permissions import CHANGE, DELETE, locked_for
from northern_connections.directory.choices import OrganisationKind
from northern_connections.directory.models import NutsRegion, Organisation

from ..choices import AudienceKind
from ..models import Audience, Invitation, Survey, digest, new_secret

# One send or reminder at a time stays small enough for a mail server's rate and a person's inbox.
MAX_INVITATIONS = 2000


def audience_add(*, actor: User, survey: Survey, kind: str, organisation_kind: str = "",
                 region: NutsRegion | None = None, cluster: Organisation | None = None,
                 organisation: Organisation | None = None) -> Audience:
    """Add a part of the audience: organisations of a kind (optionally in a region or country), the members
    of a cluster, or one organisation."""
    with transaction.atomic():
        survey = locked_for(actor, CHANGE, survey)
        if not (survey.is_draft or survey.is_open):
            raise ValidationError(_("A closed survey takes no new audience."))
        audience = Audience(survey=survey, kind=kind)
        if kind == AudienceKind.KIND_IN_REGION:
            if not organisation_kind:
                raise ValidationError({"organisation_kind": _("Choose the kind of organisation.")})
            audience.organisation_kind, audience.region = organisation_kind, region
        elif kind == AudienceKind.CLUSTER_MEMBERS:
            if cluster is None or cluster.kind != OrganisationKind.CLUSTER:
                raise ValidationError({"cluster": _("Choose a cluster organisation.")})
            audience.cluster = cluster
        elif kind == AudienceKind.ORGANISATION:
            if organisation is None:
                raise ValidationError({"organisation": _("Choose the organisation.")})
            audience.organisation = organisation
        audience.full_clean()
        audience.save()
    return audience


def audience_remove(*, actor: User, audience: Audience) -> None:
    """Remove a part of the audience (invitations already sent stay valid)."""
    with transaction.atomic():
        locked_for(actor, DELETE, audience).delete()


def audience_organisations(audience: Audience):
    """The organisations one part of the audience names."""
    if audience.kind == AudienceKind.CLUSTER_MEMBERS:
        return Organisation.objects.filter(clusters__cluster_id=audience.cluster_id)
    if audience.kind == AudienceKind.ORGANISATION:
        return Organisation.objects.filter(pk=audience.organisation_id)
    found = Organisation.objects.filter(kind=audience.organisation_kind)
    region = audience.region
    if region is None:
        return found
    if region.level == 0:
        return found.filter(country=region.country)
    return found.filter(nuts_region__code__startswith=region.code)


def recipients(survey: Survey) -> list[tuple[str, int, int]]:
    """(e-mail, user id, organisation id) of every active member of the audience's organisations, once per
    person (the first organisation by name when a person belongs to several)."""
    organisation_ids = set()
    for audience in survey.audiences.select_related("region"):
        organisation_ids |= set(audience_organisations(audience).values_list("pk", flat=True))
    memberships = (Membership.objects.filter(organisation_id__in=organisation_ids, user__is_active=True)
                   .order_by("organisation__name", "pk").values_list("user__email", "user_id", "organisation_id"))
    found: dict[str, tuple[str, int, int]] = {}
    for email, user_id, organisation_id in memberships:
        found.setdefault(email.lower(), (email, user_id, organisation_id))
    return list(found.values())


def _check_sending(survey: Survey) -> None:
    if not survey.is_open:
        raise ValidationError(_("Open the survey before sending invitations."))
    if not survey.owner.is_verified:
        raise ValidationError(_("Only a verified organisation sends invitations by e-mail (so nobody can send "
                                "mail in another's name). Ask for verification on the organisation's page."))


def invitations_send(*, actor: User, survey: Survey) -> int:
    """Invite every person of the audience not invited yet; the e-mails leave after the commit (a task).
    Returns how many were invited."""
    from ..tasks import deliver_invitations

    with transaction.atomic():
        survey = locked_for(actor, CHANGE, survey)
        _check_sending(survey)
        invited = {email.lower() for email in survey.invitations.values_list("email", flat=True)}
        new = [Invitation(survey=survey, email=email, user_id=user_id, organisation_id=organisation_id)
               for email, user_id, organisation_id in recipients(survey) if email.lower() not in invited]
        if len(new) > MAX_INVITATIONS:
            raise ValidationError(_("That is more than %(n)s people at once: narrow the audience.")
                                  % {"n": MAX_INVITATIONS})
        created = Invitation.objects.bulk_create(new)
        ids = [invitation.pk for invitation in created] or list(
            survey.invitations.filter(email__in=[i.email for i in new]).values_list("pk", flat=True))
        if ids:
            transaction.on_commit(lambda: deliver_invitations.delay(ids, False))
    return len(new)


def reminders_send(*, actor: User, survey: Survey) -> int:
    """Remind those who have not used their invitation. Who started answering is not remindable: nothing
    links a draft to its invitation. Returns how many were reminded."""
    from ..tasks import deliver_invitations

    with transaction.atomic():
        survey = locked_for(actor, CHANGE, survey)
        _check_sending(survey)
        ids = list(survey.invitations.filter(started=False, sent_at__isnull=False).values_list("pk", flat=True))
        if ids:
            transaction.on_commit(lambda: deliver_invitations.delay(ids, True))
    return len(ids)


def invitations_deliver(*, invitation_ids: list[int], reminder: bool = False) -> int:
    """Make each invitation's link (a new token: the old link of a reminded invitation stops working, as only
    digests are kept) and mail it. Skips invitations already used. Returns how many were mailed."""
    from .. import notifications

    sent = 0
    for invitation_id in invitation_ids:
        with transaction.atomic():
            invitation = (Invitation.objects.select_for_update(of=("self",)).select_related("survey", "user")
                          .filter(pk=invitation_id, started=False).first())
            if invitation is None or not invitation.survey.is_open or (invitation.sent_at is None) == reminder:
                continue
            token = new_secret()
            invitation.token_digest = digest(token)
            if reminder:
                invitation.reminders += 1
            else:
                invitation.sent_at = clock.now()
            invitation.save(update_fields=["token_digest", "reminders", "sent_at"])
            transaction.on_commit(lambda i=invitation, t=token: notifications.invitation(i, t, reminder=reminder))
            sent += 1
    return sent
