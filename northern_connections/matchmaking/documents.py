"""Engine documents from the database: one *source* per kind of thing the shared index ranks.

The engine (``engine/``) knows only plain :class:`Document` objects; this module is the one place
that knows how an organisation or a challenge becomes one. Each :class:`Source` says

* which model it reads and which of its many-to-many relations feed the document (signals.py
  watches exactly those, so the change log and the documents can never disagree);
* how to load documents, all of them for a snapshot or a few ids for a change-log replay, in a
  constant number of queries: one ``values_list`` for the rows and one per many-to-many
  relation, never one query per object (a snapshot of 100,000 organisations is five queries);
* how to turn ranked ids back into objects the actor may see (the index holds everything; the
  permission gate is applied when results are shown).

The support map and partnering apps will add their kinds ("measure", "partner_request") with
:func:`register_source`; nothing else in matchmaking has to change for that.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from northern_connections.core.permissions import VIEW

from .choices import IndexKind
from .engine import Document

#: Ids per query when loading a chosen set of documents (well under every database's parameter limit).
CHUNK = 500


@dataclass(frozen=True)
class Source:
    """Where the documents of one kind come from and how ranked ids become objects again."""

    kind: str
    model: type[models.Model]
    load: Callable[[list[int] | None], Iterator[Document]]
    hydrate: Callable[[Any, list[int]], dict[int, models.Model]]
    m2m_fields: tuple[str, ...] = field(default_factory=tuple)

    def documents(self, pks: Iterable[int] | None = None) -> Iterator[Document]:
        """Every indexable document (``pks=None``) or those of ``pks`` that are indexable now."""
        if pks is None:
            yield from self.load(None)
            return
        pks = sorted(set(pks))
        for start in range(0, len(pks), CHUNK):
            yield from self.load(pks[start:start + CHUNK])


_SOURCES: dict[str, Source] = {}


def register_source(source: Source) -> None:
    _SOURCES[source.kind] = source


def source_for(kind: str) -> Source:
    try:
        return _SOURCES[kind]
    except KeyError:
        raise LookupError(f"no document source is registered for {kind!r}") from None


def sources() -> list[Source]:
    return list(_SOURCES.values())


def m2m_values(model: type[models.Model], field_name: str, value_attr: str,
               pks: list[int] | None) -> dict[int, list[str]]:
    """``{object pk: [value_attr of each related row]}`` for one many-to-many relation, one query."""
    relation = model._meta.get_field(field_name)
    through = relation.remote_field.through
    own, other = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    rows = through.objects.all()
    if pks is not None:
        rows = rows.filter(**{f"{own}_id__in": pks})
    values: dict[int, list[str]] = defaultdict(list)
    for pk, value in rows.order_by(f"{other}__{value_attr}").values_list(f"{own}_id", f"{other}__{value_attr}"):
        values[pk].append(value)
    return values


# --- organisations --------------------------------------------------------------------------------------------

def organisation_documents(pks: list[int] | None = None) -> Iterator[Document]:
    """Every organisation: its name and description, profile facets and track record.

    ``activity`` is ``past_projects``, the track record the engine uses as a prior (on real
    partnering data experienced organisations are chosen far more often).
    """
    from northern_connections.directory.models import Organisation

    rows = Organisation.objects.all()
    if pks is not None:
        rows = rows.filter(pk__in=pks)
    chains = m2m_values(Organisation, "value_chains", "slug", pks)
    steps = m2m_values(Organisation, "value_chain_steps", "slug", pks)
    nace = m2m_values(Organisation, "nace_codes", "code", pks)
    columns = ("pk", "name", "short_name", "description", "description_language", "kind", "country", "trl",
               "languages", "past_projects", "nuts_region__code")
    for pk, name, short, description, language, kind, country, trl, languages, past, region in (
            rows.order_by("pk").values_list(*columns).iterator(chunk_size=2000)):
        title = name if not short or re.search(rf"\b{re.escape(short)}\b", name, re.IGNORECASE) else f"{name} ({short})"
        yield Document(
            id=str(pk),
            fields={"name": title, "text": description or ""},
            tags={"value_chains": chains.get(pk, []), "steps": steps.get(pk, []), "nace": nace.get(pk, []),
                  "region": [region] if region else [], "languages": [str(x) for x in languages or []]},
            trl=trl, kind=kind, country=country, activity=float(past or 0), language=language or None,
        )


def organisation_objects(actor, pks: list[int]) -> dict[int, models.Model]:
    from northern_connections.directory.models import Organisation

    rows = (Organisation.objects.restrict(actor, VIEW).filter(pk__in=pks).select_related("nuts_region")
            .prefetch_related("value_chains"))
    return {o.pk: o for o in rows}


# --- challenges -----------------------------------------------------------------------------------------------

#: Facet of challenge documents listing every TRL the challenge accepts. A document has one TRL
#: but a challenge seeks a range, so the range is spelt out as values; an organisation's query
#: asks for its own TRL and gets full credit when the challenge accepts it.
TRL_SOUGHT = "trl_level"


def challenge_documents(pks: list[int] | None = None) -> Iterator[Document]:
    """Published challenges (open for applications), in English where an English version exists.

    Only published challenges are indexed: a draft is its owner's business and a closed challenge
    cannot be applied to. The English title and summary carry the text because every published
    challenge has them (publication requires it) and one language per document is what the
    engine's analyser expects; the original title is kept as a third field so that a query in the
    owner's language still finds its words.
    """
    from northern_connections.challenges.choices import ChallengeStatus
    from northern_connections.challenges.models import Challenge

    rows = Challenge.objects.filter(status=ChallengeStatus.PUBLISHED)
    if pks is not None:
        rows = rows.filter(pk__in=pks)
    chains = m2m_values(Challenge, "value_chains", "slug", pks)
    steps = m2m_values(Challenge, "value_chain_steps", "slug", pks)
    nace = m2m_values(Challenge, "nace_codes", "code", pks)
    cpv = m2m_values(Challenge, "cpv_codes", "code", pks)
    columns = ("pk", "language", "title", "summary", "title_en", "summary_en", "problem", "desired_outcome",
               "trl_min", "trl_max", "country", "nuts_region__code", "owner__kind")
    for (pk, language, title, summary, title_en, summary_en, problem, outcome, trl_min, trl_max, country, region,
         owner_kind) in rows.order_by("pk").values_list(*columns).iterator(chunk_size=2000):
        english = bool(title_en and summary_en)
        fields = {
            "name": title_en or title,
            "text": "\n".join(filter(None, [summary_en or summary, problem, outcome])),
        }
        if english and language != "en":
            fields["original"] = title
        trl_levels = (range(trl_min or 1, (trl_max or 9) + 1) if (trl_min or trl_max) else ())
        yield Document(
            id=str(pk),
            fields=fields,
            tags={"value_chains": chains.get(pk, []), "steps": steps.get(pk, []), "nace": nace.get(pk, []),
                  "cpv": cpv.get(pk, []), "region": [region] if region else [],
                  "languages": sorted({language, "en"} if english else {language}),
                  TRL_SOUGHT: [str(level) for level in trl_levels]},
            # The owner's kind as the document's kind lets a search ask for e.g. cluster challenges only.
            kind=owner_kind, country=country, is_sme=False, language="en" if english else language,
        )


def challenge_objects(actor, pks: list[int]) -> dict[int, models.Model]:
    from northern_connections.challenges.choices import ChallengeStatus
    from northern_connections.challenges.models import Challenge

    rows = (Challenge.objects.restrict(actor, VIEW).filter(pk__in=pks, status=ChallengeStatus.PUBLISHED)
            .select_related("owner", "nuts_region").prefetch_related("value_chains"))
    return {c.pk: c for c in rows}


def register_builtin_sources() -> None:
    """Called from the AppConfig: models can be imported only once the registry is ready."""
    from northern_connections.challenges.models import Challenge
    from northern_connections.directory.models import Organisation

    register_source(Source(IndexKind.ORGANISATION.value, Organisation, organisation_documents, organisation_objects,
                           ("value_chains", "value_chain_steps", "nace_codes")))
    register_source(Source(IndexKind.CHALLENGE.value, Challenge, challenge_documents, challenge_objects,
                           ("value_chains", "value_chain_steps", "nace_codes", "cpv_codes")))
