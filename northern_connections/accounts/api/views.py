from rest_framework import mixins, viewsets

from northern_connections.core.api.viewsets import GateViewSetMixin

from .. import services
from ..models import Membership
from .serializers import MembershipSerializer


class MembershipViewSet(GateViewSetMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin,
                        viewsets.ReadOnlyModelViewSet):
    """Memberships the user can see; admins change roles, anyone may leave (DELETE own)."""

    model = Membership
    serializer_class = MembershipSerializer
    filterset_fields = ["role"]

    def base_queryset(self):
        return Membership.objects.select_related("organisation", "user").order_by("organisation__name", "pk")

    def perform_update(self, serializer):
        # A PATCH without `role` keeps it (it used to fail with a KeyError: found by schemathesis).
        role = serializer.validated_data.get("role", serializer.instance.role)
        serializer.instance = services.membership_set_role(
            actor=self.request.user, membership=serializer.instance, role=role
        )

    def perform_destroy(self, instance):
        services.membership_remove(actor=self.request.user, membership=instance)
