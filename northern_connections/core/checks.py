"""System checks that catch mistakes the permission gate depends on."""

from django.apps import apps
from django.core import checks

from .permissions import RestrictedQuerySet, _registry


@checks.register()
def every_domain_model_is_gated(app_configs, **kwargs):
    """A domain model whose manager cannot `restrict` would bypass the gate in a generic view."""
    errors = []
    for model in apps.get_models():
        if not model.__module__.startswith("northern_connections."):
            continue
        if not isinstance(model._default_manager.all(), RestrictedQuerySet):
            errors.append(
                checks.Error(f"{model._meta.label} has no RestrictedQuerySet manager", obj=model, id="core.E001")
            )
        elif model not in _registry and not any(base in _registry for base in model.__mro__[1:]):
            errors.append(
                checks.Warning(f"{model._meta.label} has no registered Policy (admins only)", obj=model, id="core.W001")
            )
    return errors
