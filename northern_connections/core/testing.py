"""The parametrised permission suite every app plugs into (DESIGN.md §4.3).

Each app lists its views and endpoints in `tests/permission_cases.py`:

    CASES = [PermissionCase("directory:organisation_edit", "get", lambda w: ..., expect(anonymous=302, ...))]
    def build(world): ...   # optional: add the objects the cases need to `world.objects`

`core/tests/test_permission_matrix.py` runs every case for the four kinds of user (anonymous,
member of the organisation that owns the object, outsider with an organisation of their own,
platform admin) and fails when a URL name of the project has no case at all, so a new view
cannot be added without deciding who may use it.

It also looks at effects, not only at status codes: a write that is refused (an error status, the
login page, or a redirect with an error message) must leave every project table as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.conf import settings
from django.db import transaction

ROLES = ("anonymous", "member", "outsider", "admin")
APPS = [app.rsplit(".", 1)[-1] for app in settings.INSTALLED_APPS if app.startswith("northern_connections.")]


@dataclass
class People:
    """Two organisations and the four kinds of user: what ordinary tests start from (the `people` fixture).

    `organisation` is a Swedish municipality administered by "member"; `other_organisation` a Danish SME
    administered by "outsider"; "admin" is a platform administrator; "anonymous" is None.
    """

    organisation: Any
    other_organisation: Any
    users: dict[str, Any]

    @property
    def member(self):
        return self.users["member"]

    @property
    def outsider(self):
        return self.users["outsider"]

    @property
    def admin(self):
        return self.users["admin"]


@dataclass
class World(People):
    """The people and every app's objects that the permission cases talk about (the matrix's own world)."""

    objects: dict[str, Any] = field(default_factory=dict)


def create_user(email: str, *, superuser: bool = False, password: str = "correct-horse-battery", **extra):
    """A user who can log in at once (verified e-mail address), as allauth requires."""
    from allauth.account.models import EmailAddress

    from northern_connections.accounts.models import User

    create = User.objects.create_superuser if superuser else User.objects.create_user
    user = create(email=email, password=password, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def build_people(cls: type[People] = People, make_user: Callable[..., Any] = create_user) -> People:
    """The two organisations and their administrators, and a platform administrator; no app's objects."""
    from northern_connections.accounts.models import Membership
    from northern_connections.directory.tests.factories import OrganisationFactory

    organisation = OrganisationFactory(kind="municipality", country="SE")
    other = OrganisationFactory(kind="sme", country="DK")
    member = make_user("member@example.org")
    outsider = make_user("outsider@example.org")
    admin = make_user("admin@example.org", superuser=True)
    Membership.objects.create(user=member, organisation=organisation, role="admin")
    Membership.objects.create(user=outsider, organisation=other, role="admin")
    users = {"anonymous": None, "member": member, "outsider": outsider, "admin": admin}
    return cls(organisation=organisation, other_organisation=other, users=users)


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


def reset_between_cases() -> None:
    """Forget what an app keeps per process (its `permission_cases.reset()`), as the database is rolled back."""
    for module in _modules():
        if hasattr(module, "reset"):
            module.reset()


@contextmanager
def rolled_back(using: str = "default") -> Iterator[None]:
    """A transaction (a savepoint when nested) that is always rolled back, as Django's TestCase does per test.

    The matrix builds its world once inside one of these and runs each case inside another, so every
    case starts from the same rows without rebuilding them.
    """
    atomic = transaction.atomic(using=using)
    atomic._from_testcase = True  # durable blocks inside behave as they do under TestCase
    atomic.__enter__()
    try:
        yield
    finally:
        transaction.set_rollback(True, using=using)
        atomic.__exit__(None, None, None)


def build_world(world: World | None = None) -> World:
    """The people plus every app's permission objects (each app's `build(world)`)."""
    world = world or build_people(World)
    for module in _modules():
        if hasattr(module, "build"):
            module.build(world)
    return world


# URL names that need no permission case: third-party pages with their own tests, or pure assets.
EXEMPT_URL_PREFIXES = ("admin:", "account_", "socialaccount_", "set_language", "javascript-catalog", "schema",
                       "api-docs", "api:v1:api-root")


# --------------------------------------------------------------------------- effects of a request
REFUSED_STATUSES = frozenset({400, 401, 403, 404, 405, 409, 422, 429})


def project_tables() -> list[str]:
    """The tables of the project's own models (many-to-many tables included)."""
    from django.apps import apps

    ours = [app for app in apps.get_app_configs() if app.name.startswith("northern_connections.")]
    return sorted({model._meta.db_table for app in ours for model in app.get_models(include_auto_created=True)
                   if model._meta.managed and not model._meta.proxy})


def fingerprint(using: str = "default") -> dict[str, tuple[int, int]]:
    """Row count and an order-independent hash of every row, per project table: any INSERT, UPDATE or
    DELETE changes it. Read in Python, so it is the same on every database; only computed when the
    database's own write counter (see `write_count`) says a row may have changed."""
    from django.db import connections

    result = {}
    with connections[using].cursor() as cursor:
        for table in project_tables():
            cursor.execute(f"SELECT * FROM {connections[using].ops.quote_name(table)}")  # noqa: S608 (model tables)
            rows = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in cursor.fetchall()]
            result[table] = (len(rows), sum(hash(row) for row in rows) % (1 << 64))
    return result


def write_count(using: str = "default") -> int | None:
    """Rows written so far on this connection (SQLite) or in this transaction (PostgreSQL), rolled-back
    savepoints included; None where the database keeps no such counter (then always fingerprint)."""
    from django.db import connections

    connection = connections[using]
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        return connection.connection.total_changes
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables")
            return int(cursor.fetchone()[0])
    return None


def changed_tables(before: dict[str, tuple[int, int]], using: str = "default") -> list[str]:
    after = fingerprint(using)
    return sorted(table for table in after if after[table] != before.get(table))


def is_refusal(response) -> bool:
    """The request was refused: an error status, the login page, or a redirect with an error message."""
    from django.contrib import messages
    from django.shortcuts import resolve_url

    if response.status_code in REFUSED_STATUSES:
        return True
    if response.status_code not in (301, 302, 303):
        return False
    if response.url.startswith(resolve_url(settings.LOGIN_URL)):
        return True
    storage = getattr(response.wsgi_request, "_messages", None)
    return any(message.level >= messages.WARNING for message in (storage or ()))


# --------------------------------------------------------------------------- private rows
@dataclass
class Private:
    """A row that the anonymous visitor and the outsider must never see (a draft, someone else's
    application, a score, a saved search...), declared in an app's `PRIVATE` list.

    `markers` are strings that appear only where the row is shown (choose unusual titles in `build`);
    `api_list`/`pk` name an API list whose items must not include the row's id (for rows without
    text, such as a score). `seen_at` is a page or endpoint where `viewer` does see it: the matrix
    checks that the markers are really found there, so their absence elsewhere means something.
    `viewer` is a role, or a function giving the user (a participant, say) who sees the row.
    `shown_by` names pages whose link is the row's own credential (an invitation's or an unsubscribe
    token): whoever holds the link may see the row there.
    """

    label: str
    seen_at: Callable[[World], str]
    markers: Callable[[World], list[str]] = lambda w: []
    api_list: str = ""
    pk: Callable[[World], Any] | None = None
    viewer: str | Callable[[World], Any] = "member"
    shown_by: tuple[str, ...] = ()


def all_private() -> list[Private]:
    return [private for module in _modules() for private in getattr(module, "PRIVATE", [])]


def response_text(response) -> str:
    """What a person could read in a response: the text of a page, feed or JSON, the cells of a
    spreadsheet, the text of a PDF."""
    import io

    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    try:
        if "spreadsheetml" in kind:
            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(body), read_only=True)
            return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True)
                             for cell in row if cell is not None)
        if "pdf" in kind:
            from pypdf import PdfReader

            return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    except Exception:  # not a readable document: search its bytes as they are
        pass
    return body.decode("utf-8", errors="replace")


def api_ids(text: str) -> set[str]:
    """The ids of the items of an API list response (paginated or not); empty for anything else."""
    import json

    try:
        data = json.loads(text)
    except ValueError:
        return set()
    items = data.get("results", []) if isinstance(data, dict) else data
    return {str(item.get("id")) for item in items if isinstance(item, dict)} if isinstance(items, list) else set()


def private_rows_shown(case: PermissionCase, world: World, text: str) -> list[str]:
    """The labels of the private rows that a response's text shows."""
    shown = []
    for private in all_private():
        if case.url_name in private.shown_by:
            continue
        if any(marker in text for marker in private.markers(world)):
            shown.append(private.label)
        elif private.api_list == case.url_name and str(private.pk(world)) in api_ids(text):
            shown.append(private.label)
    return shown
