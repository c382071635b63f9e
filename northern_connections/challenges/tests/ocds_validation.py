"""Offline validation against the OCDS 1.1 schemas in settings.SHARED_DATA_DIR (never fetched)."""

import json
from functools import cache

from django.conf import settings
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4


@cache
def _schemas():
    folder = settings.SHARED_DATA_DIR / "ocds"
    release = json.loads((folder / "release-schema.json").read_text())
    package = json.loads((folder / "release-package-schema.json").read_text())
    # The package schema refers to the release schema by its `id` URL: resolve it to the local copy.
    registry = Registry().with_resource(release["id"], Resource.from_contents(release, default_specification=DRAFT4))
    return release, package, registry


def release_errors(document) -> list[str]:
    release, _, registry = _schemas()
    return [f"{list(e.absolute_path)}: {e.message}" for e in Draft4Validator(release, registry=registry)
            .iter_errors(document)]


def package_errors(document) -> list[str]:
    _, package, registry = _schemas()
    return [f"{list(e.absolute_path)}: {e.message}" for e in Draft4Validator(package, registry=registry)
            .iter_errors(document)]
