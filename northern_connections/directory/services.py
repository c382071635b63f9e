"""Writes to the directory: organisation profiles, contacts, cluster memberships, verification."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.accounts.choices import MembershipRole
from northern_connections.accounts.models import User
from northern_connections.accounts.services import membership_add
from northern_connections.challenges import uploads  # plain Python: file types decided from content
from northern_connections.core import search
from northern_connections.core.permissions import CHANGE, DELETE, is_platform_admin, locked_for, require_add
from northern_connections.core.slugs import reserved_segments, unique_slug
from northern_connections.core.text import detect_language

from . import notifications, trust
from .choices import NameReview, OrganisationKind, VerificationRequestStatus, VerificationStatus, VerificationSubject
from .models import ClusterMembership, ContactPerson, Organisation, VerificationRequest
from .models.organisations import CLAIMED_FIELDS, verified_kind_q
from .permissions import DECIDE

ORGANISATION_M2M = ("nace_codes", "value_chains", "value_chain_steps")


def organisation_index(organisation: Organisation) -> None:
    """Keep the full-text entry of one organisation current (called on every write)."""
    search.index_object(organisation, organisation.search_text(), organisation.description_language or None)


def _apply(organisation: Organisation, fields: dict) -> dict:
    relations = {name: fields.pop(name) for name in ORGANISATION_M2M if name in fields}
    for name, value in fields.items():
        setattr(organisation, name, value)
    if organisation.description and not organisation.description_language:
        organisation.description_language = detect_language(organisation.description)
    return relations


def similar_verified_organisation(organisation: Organisation) -> Organisation | None:
    """A verified organisation whose name `organisation`'s legal or short name could be taken for."""
    keys = trust.comparable_keys(organisation.name, organisation.short_name)
    if not keys:
        return None
    return (Organisation.objects.filter(verified_kind_q()).exclude(pk=organisation.pk)
            .filter(Q(name_key__in=keys) | Q(short_name_key__in=keys)).order_by("pk").first())


def _review_name(organisation: Organisation, actor: User) -> None:
    """Hold a name close to a verified one until a platform administrator approves it (a name request).

    Called when an organisation is created or renamed; a platform administrator's own edit needs
    no second opinion. A rename that is no longer close releases the hold.
    """
    similar = similar_verified_organisation(organisation)
    pending = VerificationRequest.objects.filter(organisation=organisation, subject=VerificationSubject.NAME,
                                                 status=VerificationRequestStatus.PENDING)
    if similar is None or is_platform_admin(actor):
        pending.update(status=VerificationRequestStatus.WITHDRAWN)
        organisation.name_review = NameReview.APPROVED if similar is not None else NameReview.CLEAR
        return
    organisation.name_review = NameReview.HELD
    if not pending.exists():
        VerificationRequest.objects.create(
            organisation=organisation, subject=VerificationSubject.NAME, requested_by=actor,
            requester_email=actor.email, similar_to=similar, **_claims(organisation),
        )
    else:
        pending.update(similar_to=similar, **_claims(organisation))


def _claims(organisation: Organisation) -> dict:
    return {"claimed_kind": organisation.kind, "claimed_name": organisation.name,
            "claimed_country": organisation.country}


def organisation_create(*, actor: User, **fields) -> Organisation:
    """Create an organisation's profile, unverified; its creator becomes its first administrator.

    A name close to a verified organisation's is held (not public, cannot act) until a platform
    administrator approves it.
    """
    with transaction.atomic():
        require_add(actor, Organisation)
        fields.pop("confirm_unverify", None)
        organisation = Organisation()
        relations = _apply(organisation, fields)
        organisation.slug = unique_slug(Organisation, organisation.short_name or organisation.name,
                                        reserved=reserved_segments("directory:organisation_detail"),
                                        fallback="organisation")
        organisation.refresh_name_keys()
        organisation.full_clean()
        organisation.save()
        _review_name(organisation, actor)
        organisation.save(update_fields=["name_review"])
        for name, value in relations.items():
            getattr(organisation, name).set(value)
        membership_add(organisation=organisation, user=actor, role=MembershipRole.ADMIN)
        organisation_index(organisation)
    return organisation


def lapsing_changes(organisation: Organisation, fields: dict) -> list[str]:
    """The claimed fields (kind, legal name, country) that `fields` would change on a verified organisation."""
    if organisation.verification_status != VerificationStatus.VERIFIED:
        return []
    return [name for name in CLAIMED_FIELDS if name in fields and fields[name] != getattr(organisation, name)]


def organisation_update(*, actor: User, organisation: Organisation, confirm_unverify: bool = False,
                        **fields) -> Organisation:
    """Edit a profile. Changing a verified organisation's kind, legal name or country lapses its verification,
    so the caller must confirm that (`confirm_unverify`); a rename close to a verified name is held again.
    """
    with transaction.atomic():
        organisation = locked_for(actor, CHANGE, organisation)
        fields.pop("slug", None)
        lapsing = lapsing_changes(organisation, fields)
        if lapsing and not confirm_unverify:
            raise ValidationError({"confirm_unverify": _(
                "Changing the kind, legal name or country ends the verification of this organisation: it "
                "becomes unverified until a new request is approved. Confirm to save.")})
        claimed_before = _claims(organisation)
        keys_before = (organisation.name_key, organisation.short_name_key)
        relations = _apply(organisation, fields)
        organisation.refresh_name_keys()
        organisation.full_clean()
        if lapsing:
            organisation.verification_status = VerificationStatus.LAPSED
            organisation.verified_at, organisation.verified_by = None, None
        if _claims(organisation) != claimed_before:
            # A pending request shows the decider the old claims: it no longer says what would be verified.
            VerificationRequest.objects.filter(organisation=organisation, subject=VerificationSubject.IDENTITY,
                                               status=VerificationRequestStatus.PENDING).update(
                status=VerificationRequestStatus.WITHDRAWN)
        if (organisation.name_key, organisation.short_name_key) != keys_before:
            _review_name(organisation, actor)
        organisation.save()
        for name, value in relations.items():
            getattr(organisation, name).set(value)
        organisation_index(organisation)
    return organisation


def organisation_delete(*, actor: User, organisation: Organisation) -> None:
    """Delete a profile, unless other records (e.g. challenge applications) must keep it."""
    with transaction.atomic():
        organisation = locked_for(actor, DELETE, organisation)
        search.unindex_object(organisation)
        try:
            organisation.delete()
        except ProtectedError as error:
            kinds = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
            raise ValidationError(
                _("This organisation cannot be deleted: it is referred to by %(records)s. "
                  "Ask a platform administrator to merge or archive it instead.") % {"records": ", ".join(kinds)}
            ) from error


def contact_person_save(*, actor: User, organisation: Organisation, contact: ContactPerson | None = None,
                        **fields) -> ContactPerson:
    """Create or update a contact; consent is time-stamped when given and cleared when withdrawn."""
    with transaction.atomic():
        if contact is None:
            require_add(actor, ContactPerson, organisation=organisation)
            contact = ContactPerson(organisation=organisation)
        else:
            contact = locked_for(actor, CHANGE, contact)
        for name, value in fields.items():
            setattr(contact, name, value)
        if contact.gdpr_consent and contact.consent_date is None:
            contact.consent_date = timezone.now()
        if not contact.gdpr_consent:
            contact.consent_date = None
        contact.full_clean()
        contact.save()
    return contact


def contact_person_delete(*, actor: User, contact: ContactPerson) -> None:
    with transaction.atomic():
        locked_for(actor, DELETE, contact).delete()


def cluster_membership_add(*, actor: User, cluster: Organisation, member: Organisation) -> ClusterMembership:
    with transaction.atomic():
        cluster = locked_for(actor, CHANGE, cluster)
        if cluster.kind != OrganisationKind.CLUSTER:
            raise ValidationError(_("Only a cluster organisation can have members."))
        link = ClusterMembership(cluster=cluster, member=member)
        link.full_clean()
        link.save()
    return link


def cluster_membership_remove(*, actor: User, link: ClusterMembership) -> None:
    with transaction.atomic():
        locked_for(actor, DELETE, link).delete()


VERIFICATION_UPLOAD_MESSAGES = {
    "too_large": _lazy("The file is larger than %(megabytes)s MB."),
    "empty": _lazy("The file is empty."),
    "type": _lazy("Only PDF, DOCX, XLSX, PNG and JPG files are accepted."),
    "mismatch": _lazy("The file's name ends in '.%(extension)s' but its content is %(kind)s."),
}


def _checked_document(document: UploadedFile) -> str:
    """The document's type decided from its bytes, as for every other upload of the platform."""
    content = document.read(uploads.MAX_UPLOAD_BYTES + 1)
    try:
        kind = uploads.check(document.name, content)
    except uploads.UploadRefused as error:
        message = VERIFICATION_UPLOAD_MESSAGES.get(error.code)
        raise ValidationError({"document": str(message) % error.params if message else str(error)}) from error
    document.seek(0)
    return kind


def verification_request_create(*, actor: User, organisation: Organisation, website: str = "", note: str = "",
                                document: UploadedFile | None = None) -> VerificationRequest:
    """An organisation's administrator asks to have its kind, legal name, country and website verified.

    The evidence is recorded with the request: the official website, whether the requester's
    e-mail domain matches it (computed here, never claimed) and an optional document.
    """
    with transaction.atomic():
        require_add(actor, VerificationRequest, organisation=organisation)
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if organisation.verification_status == VerificationStatus.VERIFIED:
            raise ValidationError(_("This organisation is already verified."))
        if VerificationRequest.objects.filter(organisation=organisation, subject=VerificationSubject.IDENTITY,
                                              status=VerificationRequestStatus.PENDING).exists():
            raise ValidationError(_("A verification request of this organisation is already waiting for a decision."))
        website = (website or organisation.website).strip()
        if not website:
            raise ValidationError({"website": _("Give the organisation's official website.")})
        request = VerificationRequest(
            organisation=organisation, subject=VerificationSubject.IDENTITY, requested_by=actor,
            requester_email=actor.email, website=website, note=note.strip(),
            email_domain_matches=trust.domain_matches(actor.email, website), **_claims(organisation),
            similar_to=similar_verified_organisation(organisation),  # evidence for the decider too
        )
        if document:
            request.document_type = _checked_document(document)
            request.document = document
        request.full_clean()
        request.save()
        if not organisation.website:
            organisation.website = website
            organisation.save(update_fields=["website", "updated"])
    return request


def verification_request_decide(*, actor: User, request: VerificationRequest, approve: bool,
                                reason: str = "") -> VerificationRequest:
    """Approve or reject a request; the decision (who, when, why) stays on the request, and the requester is told.

    Identity requests are decided by platform administrators or administrators of a verified
    partner of a partnership the organisation belongs to; name requests by platform administrators.
    """
    with transaction.atomic():
        request = locked_for(actor, DECIDE, request)
        reason = reason.strip()
        if not request.is_pending:
            raise ValidationError(_("This request has already been decided."))
        if not approve and not reason:
            raise ValidationError({"reason": _("Say why the request is rejected: the organisation will read it.")})
        if request.requested_by_id == actor.pk and not is_platform_admin(actor):
            raise PermissionDenied(_("You cannot decide a request you made yourself."))
        organisation = Organisation.objects.select_for_update().get(pk=request.organisation_id)
        if approve:
            _approve(request, organisation, actor)
        request.status = VerificationRequestStatus.APPROVED if approve else VerificationRequestStatus.REJECTED
        request.decided_by, request.decided_at, request.reason = actor, timezone.now(), reason
        request.save(update_fields=["status", "decided_by", "decided_at", "reason", "updated"])
        transaction.on_commit(lambda: notifications.verification_decided(request))
    return request


def _approve(request: VerificationRequest, organisation: Organisation, actor: User) -> None:
    if request.subject == VerificationSubject.NAME:
        organisation.name_review = NameReview.APPROVED
        organisation.save(update_fields=["name_review", "updated"])
        return
    if _claims(organisation) != {"claimed_kind": request.claimed_kind, "claimed_name": request.claimed_name,
                                 "claimed_country": request.claimed_country}:
        raise ValidationError(_("The organisation's kind, legal name or country changed after this request was "
                                "made; it needs a new request."))
    if organisation.is_held:
        raise ValidationError(_("The organisation's name is held for review; a platform administrator must approve "
                                "the name first."))
    organisation.verification_status = VerificationStatus.VERIFIED
    organisation.verified_at, organisation.verified_by = timezone.now(), actor
    organisation.save(update_fields=["verification_status", "verified_at", "verified_by", "name_key",
                                     "short_name_key", "updated"])


def organisations_mark_verified(*, organisations) -> int:
    """Verify organisations whose claims are known facts without a request (the demo partnership).

    No actor: only the demo loader and data migrations call this, never a page or the API.
    """
    pks = [o.pk for o in organisations]
    for organisation in Organisation.objects.filter(pk__in=pks, name_key=""):
        organisation.save(update_fields=["name_key", "short_name_key"])  # rows bulk-created without their keys
    return Organisation.objects.filter(pk__in=pks).exclude(verification_status=VerificationStatus.VERIFIED).update(
        verification_status=VerificationStatus.VERIFIED, verified_at=timezone.now(), name_review=NameReview.CLEAR)
