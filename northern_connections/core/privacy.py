"""Personal data of a person, from every app (issue 19, GDPR articles 15, 17 and 20).

Each app says what it holds about a user with `register_personal_data(name, app_label, export=...,
erase=..., models=...)`, usually in `AppConfig.ready`:

- `export(user)` returns JSON-ready data (the section `name` of the person's download);
- `erase(user)` runs inside the account deletion's transaction, before the account is anonymised:
  it removes what is only the person's (drafts, saved searches, registrations) and may raise
  `ValidationError` to refuse (the last administrator of an organisation);
- `models` are the models the source covers.

Every other model of the platform's apps with a foreign key to the user is exported anyway, field
by field (secrets left out: `SECRET_FIELD`), so that an app finished later, which has not
registered yet, still appears in the download. Such rows stay when the account is deleted: they
belong to organisations' records (applications, scores, reports) and keep pointing to the
anonymised account, which no longer says who it was.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

PLATFORM_PACKAGE = "northern_connections."
# Never exported, whoever asks: password hashes, token and key digests, secrets.
SECRET_FIELD = re.compile(r"(^|_)(password|digest|secret|token|key)(_|$)", re.I)
FORMAT = 1


@dataclass(frozen=True)
class PersonalDataSource:
    """What one app holds about a person, how to export it, and what its deletion does."""

    name: str
    app_label: str
    export: Callable
    erase: Callable | None = None
    models: tuple = field(default_factory=tuple)


_sources: dict[str, PersonalDataSource] = {}


def register_personal_data(name: str, app_label: str, *, export: Callable, erase: Callable | None = None,
                           models: tuple | list = ()) -> None:
    """Add (or replace, by name) a source; `models` are model classes or "app_label.Model" strings."""
    _sources[name] = PersonalDataSource(name, app_label, export, erase, tuple(models))


def personal_data_sources() -> list[PersonalDataSource]:
    """The registered sources of installed apps, in registration order."""
    return [s for s in _sources.values() if apps.is_installed(_app_name(s.app_label))]


def _app_name(app_label: str) -> str:
    try:
        return apps.get_app_config(app_label).name
    except LookupError:
        return f"{PLATFORM_PACKAGE}{app_label}"


def _covered_models() -> set:
    covered = set()
    for source in personal_data_sources():
        for model in source.models:
            covered.add(apps.get_model(model) if isinstance(model, str) else model)
    return covered


def user_foreign_keys() -> list[tuple[type[models.Model], models.Field]]:
    """(model, field) for every foreign key or one-to-one field to the user in the platform's own apps."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith(PLATFORM_PACKAGE) or model is user_model:
            continue
        for model_field in model._meta.concrete_fields:
            if model_field.is_relation and model_field.related_model is user_model:
                found.append((model, model_field))
    return found


def row_data(obj: models.Model) -> dict:
    """A row's own fields as JSON-ready values (files as their names; secrets left out)."""
    data = {}
    for model_field in obj._meta.concrete_fields:
        if SECRET_FIELD.search(model_field.name):
            continue
        value = getattr(obj, model_field.attname)
        if isinstance(value, models.fields.files.FieldFile):
            value = value.name or None
        data[model_field.name] = value
    return data


def _generic_sections(user) -> dict:
    covered = _covered_models()
    sections: dict[str, list] = {}
    for model, model_field in user_foreign_keys():
        if model in covered:
            continue
        rows = model._default_manager.filter(**{model_field.name: user}).order_by("pk")
        if rows.exists():
            key = f"{model._meta.app_label}.{model.__name__}"
            sections.setdefault(key, [])
            sections[key] += [{"as": model_field.name, **row_data(row)} for row in rows]
    return sections


def personal_data_export(user) -> dict:
    """Everything the platform holds about `user`: registered sections, then every other row linked to them."""
    sections = {source.name: source.export(user) for source in personal_data_sources()}
    return {
        "format": FORMAT,
        "exported_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "user_id": user.pk,
        "sections": sections,
        "other_records": _generic_sections(user),
    }


def erase_personal_data(user) -> list[str]:
    """Run every source's erase hook (inside the caller's transaction); returns the names that ran."""
    ran = []
    for source in personal_data_sources():
        if source.erase is not None:
            source.erase(user)
            ran.append(source.name)
    return ran


class ExportEncoder(DjangoJSONEncoder):
    """Dates, decimals and UUIDs as Django writes them; anything else as its text."""

    def default(self, o):
        try:
            return super().default(o)
        except TypeError:
            return str(o)
