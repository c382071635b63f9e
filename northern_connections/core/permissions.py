"""The one permission gate of the platform (DESIGN.md §4.3).

Every model's manager is a `RestrictedQuerySet`; `restrict(user, action)` narrows it to the rows
the user may see ("view") or change ("change", "delete", or an app's own action such as
"evaluate"). The rules for one model live in one `Policy` in its app's permissions.py,
registered with `register`. Web views, API viewsets, services and selectors all go through
`restrict`, so a page, an endpoint and a command can never disagree about who may do what.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from northern_connections.accounts.models import User

VIEW = "view"
CHANGE = "change"
DELETE = "delete"
# Actions more than one app asks about; an app's own actions (e.g. "evaluate") live in its permissions.py.
ADMINISTER = "administer"  # an organisation: its administrators (roles, invitations, join requests)
MATCH = "match"  # an organisation or a challenge: who may see its matchmaking recommendations
REPRESENT = "represent"  # an organisation: any member may speak for it (ask a question, register for an event)
HISTORY = "history"  # an object's audit trail (core.audit): each policy decides who, apart from platform admins


def is_signed_in(user: User | AnonymousUser | None) -> bool:
    """A real, active account (not anonymous, not deactivated)."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_platform_admin(user: User | AnonymousUser | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_superuser)


class Policy:
    """Who may do what with one model.

    The defaults fit public catalogue data: anyone may view, platform administrators may do
    anything, and apps override `member_scope` to grant rights through organisation membership
    or object assignments. Scopes return querysets (not booleans) so that lists are filtered in
    SQL and a single object is checked with the very same rule.
    """

    public_view: bool = True

    def scope(self, user: Any, action: str, queryset: models.QuerySet) -> models.QuerySet:
        if is_platform_admin(user):
            return queryset
        if action == VIEW and self.public_view:
            return queryset
        if user is None or not user.is_authenticated or not user.is_active:
            return queryset.none()
        return self.member_scope(user, action, queryset)

    def member_scope(self, user: User, action: str, queryset: models.QuerySet) -> models.QuerySet:
        return queryset.none()

    def can_add(self, user: Any, **context: Any) -> bool:
        """Whether the user may create a new object (object-less action, so not a scope)."""
        return is_platform_admin(user)


class PartPolicy(Policy):
    """Parts of a parent object (a challenge's documents, an event's sessions) are seen with the parent.

    They are changed by whoever may change the parent, or by `writable_parents(user)` where an app
    narrows that (e.g. an event's organisers). `parent` names the foreign key to the parent model.
    """

    def __init__(self, parent: str, parent_model: type[models.Model]):
        self.parent, self.parent_model = parent, parent_model

    def writable_parents(self, user: User) -> models.QuerySet:
        return self.parent_model.objects.restrict(user, CHANGE).values("pk")

    def scope(self, user: Any, action: str, queryset: models.QuerySet) -> models.QuerySet:
        if is_platform_admin(user):
            return queryset
        if action == VIEW:
            parents = self.parent_model.objects.restrict(user, VIEW).values("pk")
        elif is_signed_in(user):
            parents = self.writable_parents(user)
        else:
            return queryset.none()
        return queryset.filter(**{f"{self.parent}__in": parents})


_registry: dict[type[models.Model], Policy] = {}


def register(model: type[models.Model], policy: Policy) -> None:
    _registry[model] = policy


def policy_for(model: type[models.Model]) -> Policy:
    for klass in model.__mro__:
        if klass in _registry:
            return _registry[klass]
    # A model without a policy is visible to administrators only: failing closed is the safe default.
    return _ADMIN_ONLY


class _AdminOnly(Policy):
    public_view = False


_ADMIN_ONLY = _AdminOnly()


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user: Any, action: str = VIEW) -> models.QuerySet:
        return policy_for(self.model).scope(user, action, self)


def can(user: Any, action: str, obj: models.Model) -> bool:
    model = obj._meta.model
    return policy_for(model).scope(user, action, model._default_manager.filter(pk=obj.pk)).exists()


def can_add(user: Any, model: type[models.Model], **context: Any) -> bool:
    return policy_for(model).can_add(user, **context)


def locked_for(user: Any, action: str, obj: models.Model) -> models.Model:
    """Re-read `obj` inside the caller's transaction, locked, and only if the user still may act.

    Services call this first: the permission is checked again on the saved row (not on what a
    form was given), and the row lock serialises concurrent edits of the same object.
    """
    from .audit import note_actor  # the trail attributes this transaction's writes to the service's actor

    note_actor(user)
    model = obj._meta.model
    queryset = policy_for(model).scope(user, action, model._default_manager.filter(pk=obj.pk))
    locked = model._default_manager.select_for_update().filter(pk__in=queryset.values("pk")).first()
    if locked is None:
        raise PermissionDenied(_denied_message(action, model))
    return locked


def _denied_message(action: str, model: type[models.Model]) -> str:
    name = model._meta.verbose_name
    if action == VIEW:
        return _("You may not view this %(name)s.") % {"name": name}
    if action == CHANGE:
        return _("You may not change this %(name)s.") % {"name": name}
    if action == DELETE:
        return _("You may not delete this %(name)s.") % {"name": name}
    # Translators: an app's own action, such as "evaluate", in English.
    return _("You may not %(action)s this %(name)s.") % {"action": action, "name": name}


def require_add(user: Any, model: type[models.Model], **context: Any) -> None:
    from .audit import note_actor

    note_actor(user)
    if not can_add(user, model, **context):
        raise PermissionDenied(_("You may not add a %(name)s.") % {"name": model._meta.verbose_name})
