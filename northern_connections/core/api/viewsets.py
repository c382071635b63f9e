"""Base viewsets: every queryset goes through the gate, with the action each HTTP verb implies."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, mixins, viewsets

from ..permissions import CHANGE, DELETE, VIEW, can_add

ACTION_FOR_METHOD = {"PUT": CHANGE, "PATCH": CHANGE, "DELETE": DELETE}


class GateViewSetMixin:
    model = None

    def get_queryset(self):
        return self.base_queryset().restrict(self.request.user, VIEW)

    def base_queryset(self):
        return self.model.objects.all()

    def get_object(self):
        obj = super().get_object()  # 404 when not visible
        action = ACTION_FOR_METHOD.get(self.request.method)
        if action:
            allowed = self.base_queryset().restrict(self.request.user, action).filter(pk=obj.pk).exists()
            if not allowed:
                raise exceptions.PermissionDenied()
        return obj

    def check_add(self, **context):
        if not can_add(self.request.user, self.model, **context):
            raise exceptions.PermissionDenied()

    def handle_exception(self, exc):
        if isinstance(exc, DjangoPermissionDenied):
            exc = exceptions.PermissionDenied(str(exc) or None)
        elif isinstance(exc, DjangoValidationError):
            # A service's rule broken through the API is the client's error, reported like a form's.
            exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
        elif isinstance(exc, Http404):
            exc = exceptions.NotFound()
        return super().handle_exception(exc)


class ReadOnlyGateViewSet(GateViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class GateViewSet(GateViewSetMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """List, retrieve and update; apps add create/destroy through their services."""
