"""Writes of partnering: calls (entered and imported), partner requests and their validity,
expressions of interest, consortia with their members, tasks and documents."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core import clock
from northern_connections.core.permissions import CHANGE, DELETE, locked_for, require_add
from northern_connections.core.search import bulk_index, index_object
from northern_connections.core.services import model_update
from northern_connections.core.slugs import reserved_segments, unique_slug
from northern_connections.core.workflow import transition_apply
from northern_connections.directory.models import Organisation

from .choices import CALL_PUBLISHER_KINDS, CallSource, MemberRole, MemberStatus, RequestStatus
from .models import (
    Consortium,
    ConsortiumDocument,
    ConsortiumMember,
    ConsortiumTask,
    ExpressionOfInterest,
    FundingCall,
    PartnerRequest,
)
from .permissions import RESPOND
from .workflow import INTEREST_WORKFLOW, REQUEST_WORKFLOW, extended

CALL_FIELDS = ("programme", "call_identifier", "topic_identifier", "title", "call_title", "description",
               "action_type", "stage", "deadline", "second_deadline", "deadline_model", "status", "budget_min_eur",
               "budget_max_eur", "expected_grants", "keywords", "url", "eligible_countries", "min_partners",
               "min_countries", "required_categories")
REQUEST_FIELDS = ("kind", "call", "title", "summary", "description", "partner_sought", "partnership_type",
                  "keywords", "trl", "target_countries", "interest_deadline")
REQUEST_M2M = ("value_chain_steps",)


# ------------------------------------------------------------------------------------------- funding calls

#: how much of a call's description is searchable: the portal's texts run to 5,000 words, and stemming
#: them all made an import of 629 calls take a minute and a half; the opening says what the call is about
INDEXED_DESCRIPTION = 600


def call_search_text(call: FundingCall) -> str:
    return " ".join([call.topic_identifier, call.programme, call.title, call.call_title, " ".join(call.keywords),
                     call.description[:INDEXED_DESCRIPTION]])


def call_index(call: FundingCall) -> None:
    index_object(call, call_search_text(call), "en")


def call_create(*, actor: User, published_by: Organisation | None = None, **fields) -> FundingCall:
    """A call the portal does not list (a national or regional scheme), entered by a verified publisher."""
    with transaction.atomic():
        require_add(actor, FundingCall, published_by=published_by)
        if published_by is not None and not published_by.has_verified_kind(CALL_PUBLISHER_KINDS):
            raise ValidationError(_("Only verified public bodies, clusters and EU offices enter funding calls."))
        call = FundingCall(published_by=published_by)
        call.slug = unique_slug(FundingCall, fields.get("topic_identifier", ""),
                                reserved=reserved_segments("partnering:call_detail"), fallback="call")
        model_update(instance=call, data=fields, fields=CALL_FIELDS, index=call_index)
    return call


def call_update(*, actor: User, funding_call: FundingCall, **fields) -> FundingCall:
    with transaction.atomic():
        call = locked_for(actor, CHANGE, funding_call)
        model_update(instance=call, data=fields, fields=CALL_FIELDS, index=call_index)
    return call


def calls_import(*, rows: list[tuple[int, dict]], name: str = "") -> dict[str, int]:
    """Create or update the calls of a parsed portal file (calls.parse), all or nothing.

    A call is found by its topic identifier; its fields are replaced by the file's. A row that does
    not validate is one line-numbered problem, and any problem leaves the catalogue as it was.
    """
    problems, counts = [], {"created": 0, "updated": 0}
    existing = {c.topic_identifier: c for c in FundingCall.objects.all()}
    with transaction.atomic():
        for line, fields in rows:
            call = existing.get(fields["topic_identifier"])
            counts["updated" if call else "created"] += 1
            if call is None:
                call = FundingCall(source=CallSource.PORTAL)
                call.slug = unique_slug(FundingCall, fields["topic_identifier"],
                                        reserved=reserved_segments("partnering:call_detail"), fallback="call")
            try:
                model_update(instance=call, data=fields, fields=CALL_FIELDS)
            except ValidationError as error:
                problems.append(f"{name}: line {line}: {fields['topic_identifier']}: {'; '.join(error.messages)}")
            existing[call.topic_identifier] = call
        if problems:
            transaction.set_rollback(True)
        else:
            bulk_index((call, call_search_text(call), "en") for call in existing.values())
    if problems:
        raise ValidationError(problems)
    return counts


# ---------------------------------------------------------------------------------------- partner requests

def request_index(request: PartnerRequest) -> None:
    index_object(request, request.search_text(), "en")


def partner_request_create(*, actor: User, owner: Organisation, is_demo: bool = False, **fields) -> PartnerRequest:
    """A draft request of ``owner`` (an organisation the actor edits)."""
    with transaction.atomic():
        require_add(actor, PartnerRequest, owner=owner)
        request = PartnerRequest(owner=owner, created_by=actor, is_demo=is_demo)
        model_update(instance=request, data=fields, fields=REQUEST_FIELDS, m2m=REQUEST_M2M, index=request_index)
    return request


def partner_request_update(*, actor: User, partner_request: PartnerRequest, **fields) -> PartnerRequest:
    """Edit a request; a withdrawn one is a record. The reference and validity never change here."""
    with transaction.atomic():
        request = locked_for(actor, CHANGE, partner_request)
        if not request.is_editable:
            raise ValidationError(_("A withdrawn request cannot be edited."))
        if "kind" in fields and request.reference and fields["kind"] != request.kind:
            raise ValidationError({"kind": _("The type is part of the public reference and cannot change.")})
        model_update(instance=request, data=fields, fields=REQUEST_FIELDS, m2m=REQUEST_M2M, index=request_index)
    return request


def partner_request_delete(*, actor: User, partner_request: PartnerRequest) -> None:
    """Delete a draft; a published request is withdrawn instead (its reference was public)."""
    with transaction.atomic():
        request = locked_for(actor, DELETE, partner_request)
        if not request.is_draft:
            raise ValidationError(_("Only drafts can be deleted; withdraw a published request instead."))
        request.delete()


def partner_request_transition(*, actor: User, partner_request: PartnerRequest, to_status: str,
                               note: str = "") -> PartnerRequest:
    """Publish or withdraw a request (the moves and their checks are in workflow.py)."""
    return transition_apply(workflow=REQUEST_WORKFLOW, actor=actor, obj=partner_request, to_status=to_status,
                            comment=note)


def partner_request_extend(*, actor: User, partner_request: PartnerRequest) -> PartnerRequest:
    """The one extension of a request's validity, by a year; an expired request is published again."""
    with transaction.atomic():
        request = locked_for(actor, CHANGE, partner_request)
        if not request.can_be_extended:
            raise ValidationError(_("A request can be extended once, while published or after it expired."))
        if request.status == RequestStatus.EXPIRED:
            return transition_apply(workflow=REQUEST_WORKFLOW, actor=actor, obj=request,
                                    to_status=RequestStatus.PUBLISHED, system=True, comment="extended")
        extended(request, actor, clock.now())
        request.save(update_fields=["valid_until", "extended", "updated"])
    return request


def partner_requests_expire() -> int:
    """Expire every published request whose validity has ended (the periodic task); returns how many."""
    today = clock.now().date()
    due = PartnerRequest.objects.filter(status=RequestStatus.PUBLISHED, valid_until__lt=today)
    count = 0
    for request in due.only("pk", "status"):
        transition_apply(workflow=REQUEST_WORKFLOW, actor=None, obj=request, to_status=RequestStatus.EXPIRED,
                         system=True)
        count += 1
    return count


# ------------------------------------------------------------------------------------ expressions of interest

def interest_send(*, actor: User, partner_request: PartnerRequest, organisation: Organisation,
                  message: str) -> ExpressionOfInterest:
    """``organisation`` (the actor's) expresses interest in a published request of another organisation."""
    with transaction.atomic():
        require_add(actor, ExpressionOfInterest, request=partner_request, organisation=organisation)
        deadline = partner_request.interest_deadline
        if deadline and deadline < clock.now().date():
            raise ValidationError(_("The deadline for expressions of interest has passed."))
        if ExpressionOfInterest.objects.filter(request=partner_request, organisation=organisation).exists():
            raise ValidationError(_("Your organisation has already expressed interest in this request."))
        interest = ExpressionOfInterest(request=partner_request, organisation=organisation, sent_by=actor,
                                        message=message)
        interest.full_clean()
        interest.save()
    return interest


def interest_transition(*, actor: User, interest: ExpressionOfInterest, to_status: str,
                        answer: str = "") -> ExpressionOfInterest:
    """Accept or decline (the owner, with an optional answer) or withdraw (the sender)."""
    with transaction.atomic():
        moved = transition_apply(workflow=INTEREST_WORKFLOW, actor=actor, obj=interest, to_status=to_status)
        if answer:
            moved.answer = answer[:2000]
            moved.save(update_fields=["answer", "updated"])
    return moved


# ------------------------------------------------------------------------------------------------- consortia

def consortium_create(*, actor: User, funding_call: FundingCall, coordinator: Organisation, name: str,
                      acronym: str = "", summary: str = "", is_demo: bool = False) -> Consortium:
    """A consortium for ``funding_call``, coordinated by a verified organisation the actor edits."""
    with transaction.atomic():
        require_add(actor, Consortium, coordinator=coordinator)
        consortium = Consortium(call=funding_call, name=name, acronym=acronym, summary=summary, created_by=actor,
                                is_demo=is_demo)
        consortium.slug = unique_slug(Consortium, acronym or name,
                                      reserved=reserved_segments("partnering:consortium_detail"),
                                      fallback="consortium")
        consortium.full_clean()
        consortium.save()
        ConsortiumMember.objects.create(consortium=consortium, organisation=coordinator, role=MemberRole.COORDINATOR,
                                        status=MemberStatus.JOINED)
    return consortium


def consortium_update(*, actor: User, consortium: Consortium, **fields) -> Consortium:
    with transaction.atomic():
        consortium = locked_for(actor, CHANGE, consortium)
        model_update(instance=consortium, data=fields, fields=("name", "acronym", "summary", "status"))
    return consortium


def member_invite(*, actor: User, consortium: Consortium, organisation: Organisation,
                  role: str = MemberRole.PARTNER, budget_eur: int = 0, work_packages_led: str = "",
                  why: str = "") -> ConsortiumMember:
    """Invite an organisation (the coordinator's editors); one coordinator per consortium."""
    with transaction.atomic():
        consortium = locked_for(actor, CHANGE, consortium)
        if role == MemberRole.COORDINATOR:
            raise ValidationError({"role": _("A consortium has one coordinator.")})
        if consortium.members.filter(organisation=organisation).exists():
            raise ValidationError(_("“%(name)s” is already in the consortium.") % {"name": organisation.name})
        member = ConsortiumMember(consortium=consortium, organisation=organisation, role=role,
                                  budget_eur=budget_eur, work_packages_led=work_packages_led, why=why[:500])
        member.full_clean()
        member.save()
    return member


def member_update(*, actor: User, member: ConsortiumMember, **fields) -> ConsortiumMember:
    """Role, work packages led and budget share of a member (the coordinator's editors)."""
    with transaction.atomic():
        member = locked_for(actor, CHANGE, member)
        if member.role == MemberRole.COORDINATOR and fields.get("role", member.role) != member.role:
            raise ValidationError({"role": _("The coordinator stays the coordinator.")})
        if fields.get("role") == MemberRole.COORDINATOR and member.role != MemberRole.COORDINATOR:
            raise ValidationError({"role": _("A consortium has one coordinator.")})
        model_update(instance=member, data=fields, fields=("role", "work_packages_led", "budget_eur"))
    return member


def member_remove(*, actor: User, member: ConsortiumMember) -> None:
    with transaction.atomic():
        member = locked_for(actor, DELETE, member)
        if member.role == MemberRole.COORDINATOR:
            raise ValidationError(_("The coordinator cannot be removed."))
        member.delete()


def member_respond(*, actor: User, member: ConsortiumMember, accept: bool) -> ConsortiumMember:
    """The invited organisation's editors join the consortium or decline."""
    with transaction.atomic():
        member = locked_for(actor, RESPOND, member)
        if not member.is_invited:
            raise ValidationError(_("This invitation has already been answered."))
        member.status = MemberStatus.JOINED if accept else MemberStatus.DECLINED
        member.save(update_fields=["status", "updated"])
    return member


def proposal_adopt(*, actor: User, consortium: Consortium, members: list[tuple[Organisation, str]]) -> int:
    """Invite the members of a builder proposal (organisation, why) who are not in yet; returns how many."""
    with transaction.atomic():
        consortium = locked_for(actor, CHANGE, consortium)
        present = set(consortium.members.values_list("organisation_id", flat=True))
        invited = 0
        for organisation, why in members:
            if organisation.pk in present:
                continue
            member_invite(actor=actor, consortium=consortium, organisation=organisation, why=why)
            invited += 1
    return invited


def task_add(*, actor: User, consortium: Consortium, title: str, owner: ConsortiumMember | None = None,
             deadline=None) -> ConsortiumTask:
    with transaction.atomic():
        require_add(actor, ConsortiumTask, consortium=consortium)
        if owner is not None and owner.consortium_id != consortium.pk:
            raise ValidationError({"owner": _("The owner must be a member of this consortium.")})
        task = ConsortiumTask(consortium=consortium, title=title, owner=owner, deadline=deadline)
        task.full_clean()
        task.save()
    return task


def task_toggle(*, actor: User, consortium_task: ConsortiumTask) -> ConsortiumTask:
    """Mark a task done, or not done again."""
    with transaction.atomic():
        task = locked_for(actor, CHANGE, consortium_task)
        task.done = not task.done
        task.save(update_fields=["done", "updated"])
    return task


def document_add(*, actor: User, consortium: Consortium, title: str, file) -> ConsortiumDocument:
    with transaction.atomic():
        require_add(actor, ConsortiumDocument, consortium=consortium)
        document = ConsortiumDocument(consortium=consortium, title=title, file=file, uploaded_by=actor)
        document.full_clean()
        document.save()
    return document


def document_delete(*, actor: User, consortium_document: ConsortiumDocument) -> None:
    with transaction.atomic():
        document = locked_for(actor, DELETE, consortium_document)
        document.file.delete(save=False)
        document.delete()

