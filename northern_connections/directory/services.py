"""Writes to the directory: organisation profiles, contacts, cluster memberships."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from northern_connections.accounts.choices import MembershipRole
from northern_connections.accounts.models import User
from northern_connections.accounts.services import membership_add
from northern_connections.core import search
from northern_connections.core.permissions import CHANGE, DELETE, locked_for, require_add
from northern_connections.core.slugs import reserved_segments, unique_slug
from northern_connections.core.text import detect_language

from .choices import OrganisationKind
from .models import ClusterMembership, ContactPerson, Organisation

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


def organisation_create(*, actor: User, **fields) -> Organisation:
    """Create an organisation's profile; its creator becomes its first administrator."""
    with transaction.atomic():
        require_add(actor, Organisation)
        organisation = Organisation()
        relations = _apply(organisation, fields)
        organisation.slug = unique_slug(Organisation, organisation.short_name or organisation.name,
                                        reserved=reserved_segments("directory:organisation_detail"),
                                        fallback="organisation")
        organisation.full_clean()
        organisation.save()
        for name, value in relations.items():
            getattr(organisation, name).set(value)
        membership_add(organisation=organisation, user=actor, role=MembershipRole.ADMIN)
        organisation_index(organisation)
    return organisation


def organisation_update(*, actor: User, organisation: Organisation, **fields) -> Organisation:
    with transaction.atomic():
        organisation = locked_for(actor, CHANGE, organisation)
        fields.pop("slug", None)
        relations = _apply(organisation, fields)
        organisation.full_clean()
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
