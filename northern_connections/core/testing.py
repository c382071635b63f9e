"""The parametrised permission suite every app plugs into (DESIGN.md §4.3).

Each app lists its views and endpoints in `tests/permission_cases.py`:

    CASES = [PermissionCase("directory:organisation_edit", "get", lambda w: ..., expect(anonymous=302, ...))]
    def build(world): ...   # optional: add the objects the cases need to `world.objects`

`core/tests/test_permission_matrix.py` runs every case for the four kinds of user (anonymous,
member of the organisation that owns the object, outsider with an organisation of their own,
platform admin) and fails when a URL name of the project has no case at all, so a new view
cannot be added without deciding who may use it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.conf import settings

ROLES = ("anonymous", "member", "outsider", "admin")
APPS = [app.rsplit(".", 1)[-1] for app in settings.INSTALLED_APPS if app.startswith("northern_connections.")]


@dataclass
class World:
    """The people and objects a permission case talks about."""

    organisation: Any
    other_organisation: Any
    users: dict[str, Any]
    objects: dict[str, Any] = field(default_factory=dict)


@dataclass
class PermissionCase:
    url_name: str
    method: str
    path: Callable[[World], str]
    expect: dict[str, int | tuple[int, ...]]
    data: Callable[[World], dict] | None = None
    json: bool = False
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.url_name}{(' ' + self.label) if self.label else ''}"


def expect(anonymous, member, outsider, admin) -> dict[str, int | tuple[int, ...]]:
    return {"anonymous": anonymous, "member": member, "outsider": outsider, "admin": admin}


def _modules():
    for app in APPS:
        try:
            yield import_module(f"northern_connections.{app}.tests.permission_cases")
        except ModuleNotFoundError as error:
            if error.name != f"northern_connections.{app}.tests.permission_cases":
                raise


def all_cases() -> list[PermissionCase]:
    return [case for module in _modules() for case in module.CASES]


def build_world(world: World) -> World:
    for module in _modules():
        if hasattr(module, "build"):
            module.build(world)
    return world


# URL names that need no permission case: third-party pages with their own tests, or pure assets.
EXEMPT_URL_PREFIXES = ("admin:", "account_", "socialaccount_", "set_language", "javascript-catalog", "schema",
                       "api-docs", "api:v1:api-root")
