"""Writes of the case library: create, edit, delete, life cycle, and its search index."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from northern_connections.accounts.models import Membership, User
from northern_connections.core.permissions import CHANGE, DELETE, locked_for, require_add
from northern_connections.core.search import index_object_parts
from northern_connections.core.services import model_update
from northern_connections.core.slugs import reserved_segments, unique_slug
from northern_connections.core.workflow import transition_apply
from northern_connections.directory.models import EformsCode, Organisation

from ..choices import BUYER_KINDS, INNOVATIVE_ACQUISITION_LIST, PROCEDURE_LIST, ExtraProcedure
from ..models import ProcurementCase
from ..workflow import CASE_WORKFLOW

CASE_M2M = ("innovative_acquisitions", "cpv_codes", "value_chains")
SET_ELSEWHERE = ("status", "slug", "buyer", "published_at", "is_demo")
CASE_FIELDS = tuple(f.name for f in ProcurementCase._meta.concrete_fields
                    if f.name not in SET_ELSEWHERE and not f.primary_key and f.name not in ("created", "updated"))


def procedure_choices() -> list[tuple[str, str]]:
    """The procedures a case may name: the eForms procedure types, then PCP and market consultation."""
    eforms = [(e.code, e.label()) for e in EformsCode.objects.filter(list_name=PROCEDURE_LIST)]
    return eforms + [(str(value), str(label)) for value, label in ExtraProcedure.choices]


def procedure_label(code: str) -> str:
    return dict(procedure_choices()).get(code, code)


def _check(case: ProcurementCase, fields: dict) -> None:
    errors = {}
    procedure = fields.get("procedure", case.procedure)
    if procedure not in ExtraProcedure.values and not EformsCode.objects.filter(
            list_name=PROCEDURE_LIST, code=procedure).exists():
        errors["procedure"] = _("Not an eForms procedure type, pre-commercial procurement or market consultation.")
    acquisitions = fields.get("innovative_acquisitions")
    if acquisitions is not None and any(a.list_name != INNOVATIVE_ACQUISITION_LIST for a in acquisitions):
        errors["innovative_acquisitions"] = _("Use the codes of the eForms innovative-acquisition list (BT-776).")
    advisor = fields.get("advisor", case.advisor if case.advisor_id else None)
    if advisor is not None and not Membership.objects.filter(user=advisor, organisation=case.buyer).exists():
        errors["advisor"] = _("The advising contact must be a member of the buyer.")
    if errors:
        raise ValidationError(errors)


def case_index(case: ProcurementCase) -> None:
    """The buyer's text stemmed in its language, the English title, summary and CPV names in English."""
    cpv = " ".join(c.name for c in case.cpv_codes.all())
    index_object_parts(case, [(case.search_text(), case.language), (f"{case.english_text()} {cpv}", "en")])


def case_create(*, actor: User, buyer: Organisation, is_demo: bool = False, **fields) -> ProcurementCase:
    """A new draft case of `buyer` (a verified public authority the actor edits)."""
    with transaction.atomic():
        require_add(actor, ProcurementCase, buyer=buyer)
        if not buyer.has_verified_kind(BUYER_KINDS):
            raise ValidationError({"buyer": _("Only verified public authorities publish procurement cases; "
                                              "“%(name)s” is not (yet) one.") % {"name": buyer.name}})
        case = ProcurementCase(buyer=buyer, is_demo=is_demo, country=buyer.country,
                               nuts_region=buyer.nuts_region)
        _check(case, fields)
        case.slug = unique_slug(ProcurementCase, fields.get("title_en") or fields.get("title", ""),
                                reserved=reserved_segments("knowledge:case_detail"), fallback="case")
        model_update(instance=case, data=fields, fields=CASE_FIELDS, m2m=CASE_M2M, index=case_index)
    return case


def case_update(*, actor: User, case: ProcurementCase, **fields) -> ProcurementCase:
    """Edit a case of the actor's organisation."""
    with transaction.atomic():
        case = locked_for(actor, CHANGE, case)
        _check(case, fields)
        model_update(instance=case, data=fields, fields=CASE_FIELDS, m2m=CASE_M2M, index=case_index)
    return case


def case_delete(*, actor: User, case: ProcurementCase) -> None:
    """Delete a draft; a case that was published is archived instead (peers may have cited it)."""
    with transaction.atomic():
        case = locked_for(actor, DELETE, case)
        if not case.is_draft:
            raise ValidationError(_("Only drafts can be deleted; archive a published case instead."))
        case.delete()


def case_transition(*, actor: User, case: ProcurementCase, to_status: str, note: str = "") -> ProcurementCase:
    """Publish, archive or republish a case (the moves and their checks are in workflow.py)."""
    return transition_apply(workflow=CASE_WORKFLOW, actor=actor, obj=case, to_status=to_status, comment=note)
