"""Write helpers every app's services share (HackSoft's `model_update`, with the platform's rules)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models


def model_update(*, instance: models.Model, data: dict[str, Any], fields: Iterable[str], m2m: Iterable[str] = (),
                 prepare: Callable[[models.Model], None] | None = None,
                 index: Callable[[models.Model], None] | None = None) -> list[str]:
    """Set the given fields, validate, save, set the many-to-many relations and re-index.

    `fields` and `m2m` name what the caller may change; anything else in `data` is a programming
    error (a form or serializer passed a field the service does not own) and raises TypeError.
    `prepare` derives fields from the others before validation (e.g. a detected language). Runs
    inside the caller's transaction; returns the names of the fields that changed.
    """
    fields, m2m = tuple(fields), tuple(m2m)
    unknown = set(data) - set(fields) - set(m2m)
    if unknown:
        raise TypeError(f"{type(instance).__name__}: fields a service does not set: {sorted(unknown)}")
    changed = [name for name in fields if name in data and getattr(instance, name) != data[name]]
    for name in fields:
        if name in data:
            setattr(instance, name, data[name])
    if prepare is not None:
        prepare(instance)
    instance.full_clean()
    instance.save()
    for name in m2m:
        if name in data:
            getattr(instance, name).set(data[name])
            changed.append(name)
    if index is not None:
        index(instance)
    return changed
