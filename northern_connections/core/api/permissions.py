from rest_framework.permissions import SAFE_METHODS, BasePermission


class GatePermission(BasePermission):
    """Writes need an authenticated user; which objects is decided by the gate in `GateViewSet`."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or bool(request.user and request.user.is_authenticated)
