"""Challenges as Open Contracting Data Standard 1.1 releases and release packages.

A challenge is the tender stage of a contracting process: its text, CPV items, NUTS location
(`items[].deliveryAddresses[].region`, as in the OCDS for eForms guidance, with the Location
extension), budget range and the procurement route. Releases are built from model instances
only, so the same dicts serve the web views, the API and `manage.py export_ocds`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from .choices import EFORMS_TO_OCDS_METHOD, ApplicationStatus, ChallengeStatus, RouteKind

OCID_PREFIX = "ocds-nc0001-"
OCDS_VERSION = "1.1"
LOCATION_EXTENSION = ("https://raw.githubusercontent.com/open-contracting-extensions/ocds_location_extension/"
                      "master/extension.json")
PUBLISHER = {"name": "Northern Connections platform", "uri": "https://github.com/northern-connections"}
LICENSE = "https://creativecommons.org/licenses/by/4.0/"

TENDER_STATUS = {
    ChallengeStatus.DRAFT: "planning",
    ChallengeStatus.PUBLISHED: "active",
    ChallengeStatus.CLOSED: "active",
    ChallengeStatus.UNDER_EVALUATION: "active",
    ChallengeStatus.CANCELLED: "cancelled",
}
ROUTE_DETAILS = {
    RouteKind.PCP: ("selective", "Innovation challenge followed by pre-commercial procurement (PCP)"),
    RouteKind.LIVING_LAB: ("open", "Innovation challenge followed by a pilot in a Living Lab"),
    RouteKind.NONE: ("open", "Innovation challenge (open call); no procurement follows"),
}


def _iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(23, 59, 59), tzinfo=UTC)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def ocid(challenge) -> str:
    return f"{OCID_PREFIX}challenge-{challenge.pk}"


def party_id(organisation) -> str:
    return f"NC-ORG-{organisation.pk}"


def _party(organisation, roles: list[str]) -> dict:
    address = {"countryName": organisation.country}
    if organisation.city:
        address["locality"] = organisation.city
    if organisation.nuts_region_id:
        address["region"] = organisation.nuts_region.code
    return {"id": party_id(organisation), "name": organisation.name, "roles": roles, "address": address}


def _tender_status(challenge) -> str:
    if challenge.status in TENDER_STATUS:
        return TENDER_STATUS[challenge.status]
    selected = any(a.status == ApplicationStatus.SELECTED for a in challenge.applications.all())
    return "complete" if selected else "unsuccessful"


def _method(challenge) -> tuple[str, str]:
    if challenge.route == RouteKind.PROCUREMENT:
        from northern_connections.directory.models import EformsCode

        name = (EformsCode.objects.filter(list_name="procurement-procedure-type", code=challenge.procedure_type)
                .values_list("name", flat=True).first() or challenge.procedure_type)
        method = EFORMS_TO_OCDS_METHOD.get(challenge.procedure_type, "open")
        return method, (f"Innovation challenge followed by public procurement: {name} "
                        f"(eForms {challenge.procedure_type})")
    return ROUTE_DETAILS[challenge.route]


def _items(challenge) -> list[dict]:
    cpv = list(challenge.cpv_codes.all())
    item = {"id": "1", "description": challenge.display_title}
    if cpv:
        item["classification"] = {"scheme": "CPV", "id": cpv[0].code[:8], "description": cpv[0].name}
        if len(cpv) > 1:
            item["additionalClassifications"] = [{"scheme": "CPV", "id": c.code[:8], "description": c.name}
                                                 for c in cpv[1:]]
    if challenge.nuts_region_id:
        region = challenge.nuts_region
        item["deliveryAddresses"] = [{"region": region.code, "countryName": region.country}]
        item["deliveryLocations"] = [{"description": region.name,
                                      "gazetteer": {"scheme": "NUTS", "identifiers": [region.code]}}]
    return [item]


def release(challenge, base_url: str = "") -> dict:
    """The OCDS release of one challenge (its current state, tagged as a tender or its cancellation)."""
    owner = challenge.owner
    parties = [_party(owner, ["buyer", "procuringEntity"])]
    parties += [_party(o, ["buyer"]) for o in challenge.co_owners.all()]
    criteria = list(challenge.criteria.all())
    method, method_details = _method(challenge)
    tender = {
        "id": challenge.slug,
        "title": challenge.display_title,
        "description": challenge.display_summary,
        "status": _tender_status(challenge),
        "procuringEntity": {"id": party_id(owner), "name": owner.name},
        "items": _items(challenge),
        "procurementMethod": method,
        "procurementMethodDetails": method_details,
        "tenderPeriod": {"startDate": _iso(challenge.published_at), "endDate": _iso(challenge.application_deadline)},
        "hasEnquiries": challenge.clarifications.filter(published=True).exists(),
    }
    if challenge.budget_max is not None:
        tender["value"] = {"amount": challenge.budget_max, "currency": challenge.currency}
    if challenge.budget_min is not None:
        tender["minValue"] = {"amount": challenge.budget_min, "currency": challenge.currency}
    if criteria:
        tender["awardCriteria"] = "ratedCriteria"
        tender["awardCriteriaDetails"] = "; ".join(f"{c.name}: {c.weight} %" for c in criteria)
    if challenge.clarification_deadline:
        tender["enquiryPeriod"] = {"startDate": _iso(challenge.published_at),
                                   "endDate": _iso(challenge.clarification_deadline)}
    if challenge.decision_date:
        tender["awardPeriod"] = {"endDate": _iso(challenge.decision_date)}
    eligibility = []
    if challenge.eligible_countries:
        eligibility.append("Countries: " + ", ".join(challenge.eligible_countries))
    if challenge.eligible_kinds:
        eligibility.append("Organisation kinds: " + ", ".join(challenge.eligible_kinds))
    if challenge.smes_only:
        eligibility.append("SMEs only")
    eligibility.append(f"Consortia of up to {challenge.max_consortium_size} organisations"
                       if challenge.consortia_allowed else "No consortia")
    tender["eligibilityCriteria"] = "; ".join(eligibility)
    if challenge.status not in (ChallengeStatus.DRAFT, ChallengeStatus.PUBLISHED):
        tender["numberOfTenderers"] = sum(1 for a in challenge.applications.all() if a.submitted_at)
    if base_url:
        tender["documents"] = [{"id": "notice", "documentType": "tenderNotice", "title": challenge.display_title,
                                "url": base_url + challenge.get_absolute_url(), "format": "text/html",
                                "language": "en"}]
    changed = challenge.updated or challenge.published_at
    return {
        "ocid": ocid(challenge),
        "id": f"{ocid(challenge)}-{changed.strftime('%Y%m%dT%H%M%S')}",
        "date": _iso(changed),
        "tag": ["tenderCancellation"] if challenge.status == ChallengeStatus.CANCELLED else ["tender"],
        "initiationType": "tender",
        "language": "en",
        "parties": parties,
        "buyer": {"id": party_id(owner), "name": owner.name},
        "tender": tender,
    }


def release_package(challenges, *, uri: str, base_url: str = "", published: datetime | None = None) -> dict:
    """A release package of `challenges` (OCDS requires at least one release in a package)."""
    releases = [release(c, base_url) for c in challenges]
    dates = [r["date"] for r in releases]
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "extensions": [LOCATION_EXTENSION],
        "publishedDate": _iso(published) if published else (max(dates) if dates else _iso(datetime.now(UTC))),
        "publisher": PUBLISHER,
        "license": LICENSE,
        "releases": releases,
    }
