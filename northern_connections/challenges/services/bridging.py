"""Cluster recommendations: a cluster points one of its members to a challenge."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core.permissions import require_add
from northern_connections.directory.models import ClusterMembership, Organisation

from .. import notifications
from ..models import Challenge, Recommendation


def recommendation_create(*, actor: User, cluster: Organisation, challenge: Challenge,
                          organisations: Iterable[Organisation], message: str = "") -> list[Recommendation]:
    """A cluster manager recommends an open challenge to member SMEs of their cluster."""
    with transaction.atomic():
        require_add(actor, Recommendation, cluster=cluster)
        if not challenge.is_open:
            raise ValidationError(_("Only open challenges can be recommended."))
        members = set(ClusterMembership.objects.filter(cluster=cluster).values_list("member_id", flat=True))
        created = []
        for organisation in organisations:
            if organisation.pk not in members:
                raise ValidationError(_("%(org)s is not a member of %(cluster)s.")
                                      % {"org": organisation, "cluster": cluster})
            recommendation, is_new = Recommendation.objects.get_or_create(
                challenge=challenge, cluster=cluster, organisation=organisation,
                defaults={"recommended_by": actor, "message": message[:2000]})
            if is_new:
                created.append(recommendation)
                transaction.on_commit(lambda r=recommendation: notifications.challenge_recommended(r))
    return created
