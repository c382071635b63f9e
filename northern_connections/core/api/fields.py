"""Related fields that find only what the requesting user may see (the one gate, `restrict(user, VIEW)`).

With a plain `queryset=Challenge.objects.all()` a draft's slug passed validation and met the service's
refusal ("not open for applications"), while an unknown slug got "does not exist": the answer told an
outsider that the draft exists. Through these fields a hidden object and a missing one get the same
"does not exist".
"""

from rest_framework import serializers

from northern_connections.core.permissions import VIEW


class VisibleRelatedMixin:
    def get_queryset(self):
        request = self.context.get("request")
        return super().get_queryset().restrict(getattr(request, "user", None), VIEW)


class VisibleSlugRelatedField(VisibleRelatedMixin, serializers.SlugRelatedField):
    """`SlugRelatedField` over the objects the requesting user may view."""


class VisiblePrimaryKeyRelatedField(VisibleRelatedMixin, serializers.PrimaryKeyRelatedField):
    """`PrimaryKeyRelatedField` over the objects the requesting user may view."""
