"""The audit trail: services record who changed what, and only those allowed read it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from northern_connections.core import audit


@pytest.fixture
def org(make_user):
    from northern_connections.accounts.models import Membership
    from northern_connections.directory.tests.factories import OrganisationFactory

    organisation = OrganisationFactory(kind="municipality", country="SE", city="Malmö", name="Malmö stad")
    people = {"admin": make_user("admin@malmo.example"), "editor": make_user("editor@malmo.example"),
              "outsider": make_user("outsider@example.org"),
              "platform": make_user("root@example.org", superuser=True)}
    Membership.objects.create(user=people["admin"], organisation=organisation, role="admin")
    Membership.objects.create(user=people["editor"], organisation=organisation, role="editor")
    other = OrganisationFactory(kind="sme", country="DK")
    Membership.objects.create(user=people["outsider"], organisation=other, role="admin")
    return organisation, people


def _update(organisation, actor, **fields):
    from northern_connections.directory import services

    return services.organisation_update(actor=actor, organisation=organisation, **fields)


def test_a_service_write_records_the_actor_and_old_and_new_values(org):
    # Given an organisation, when its editor changes the city through the service (no request at all)
    organisation, people = org
    _update(organisation, people["editor"], city="Lund")
    # then the trail says who, and the field's old and new value
    entry = audit.history_for(organisation, people["admin"])[0]
    assert entry.who == str(people["editor"])
    assert entry.action == "changed"
    assert [(c.field, c.old, c.new) for c in entry.changes] == [("city", "Malmö", "Lund")]


def test_field_labels_are_translated(org):
    organisation, people = org
    _update(organisation, people["editor"], city="Lund")
    with translation.override("de"):
        entry = audit.history_for(organisation, people["admin"])[0]
    assert entry.changes[0].field == "Ort" and entry.action == "geändert"


def test_the_first_entry_is_the_creation_and_unchanged_saves_record_nothing(org):
    organisation, people = org
    _update(organisation, people["editor"], city="Malmö")  # same value: nothing to record
    history = audit.history_for(organisation, people["platform"])
    assert [entry.action for entry in history] == ["created"]


def test_outsiders_editors_and_anonymous_users_cannot_read_the_history(org):
    from django.contrib.auth.models import AnonymousUser

    organisation, people = org
    for user in (people["outsider"], people["editor"], AnonymousUser(), None):
        assert not audit.may_see_history(user, organisation)
        with pytest.raises(PermissionDenied):
            audit.history_for(organisation, user)
    assert audit.may_see_history(people["admin"], organisation)
    assert audit.may_see_history(people["platform"], organisation)


def test_acting_as_attributes_writes_outside_services(org):
    organisation, people = org
    with audit.acting_as(people["platform"]):
        organisation.city = "Lund"
        organisation.save()
    organisation.city = "Ystad"
    organisation.save()  # no actor: a system write
    newest, older = audit.history_for(organisation, people["admin"])[:2]
    assert older.who == str(people["platform"])
    assert newest.who == "the platform (no person)"


@pytest.mark.django_db(transaction=True)
def test_a_services_actor_does_not_leak_into_later_writes(org):
    # Given a service that committed a change by the editor
    organisation, people = org
    _update(organisation, people["editor"], city="Lund")
    # when a later transaction writes without a service or a request
    with transaction.atomic():
        organisation.refresh_from_db()
        organisation.city = "Ystad"
        organisation.save()
    # then that write is not attributed to the editor
    newest, older = audit.history_for(organisation, people["admin"])[:2]
    assert older.who == str(people["editor"]) and newest.who == "the platform (no person)"


def test_a_request_attributes_writes_to_the_logged_in_user(org, client):
    organisation, people = org
    client.force_login(people["admin"])
    response = client.post(reverse("directory:organisation_edit", args=[organisation.slug]),
                           {"name": organisation.name, "kind": "municipality", "country": "SE", "city": "Lund",
                            "languages": "sv"})
    assert response.status_code == 302
    assert audit.history_for(organisation, people["admin"])[0].who == str(people["admin"])


def test_the_history_page_lists_who_when_field_old_and_new(org, client):
    organisation, people = org
    _update(organisation, people["editor"], city="Lund")
    client.force_login(people["admin"])
    page = client.get(reverse("directory:organisation_history", args=[organisation.slug])).content.decode()
    assert "<td>City</td><td>Malmö</td><td>Lund</td>" in page
    assert str(people["editor"]) in page
    detail = client.get(organisation.get_absolute_url()).content.decode()
    assert reverse("directory:organisation_history", args=[organisation.slug]) in detail


def test_the_history_page_is_refused_to_an_editor_and_not_linked_for_them(org, client):
    organisation, people = org
    client.force_login(people["editor"])
    url = reverse("directory:organisation_history", args=[organisation.slug])
    assert client.get(url).status_code == 403
    assert url not in client.get(organisation.get_absolute_url()).content.decode()


def test_the_middleware_attributes_any_write_during_a_request(org, rf):
    from django.http import HttpResponse

    organisation, people = org
    request = rf.get("/")
    request.user = people["admin"]

    def view(request):  # a write that goes through no service
        organisation.city = "Lund"
        organisation.save()
        return HttpResponse()

    audit.AuditActorMiddleware(view)(request)
    assert audit.history_for(organisation, people["admin"])[0].who == str(people["admin"])
