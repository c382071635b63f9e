"""The permission suite's own tools: it must see a write that a refused request leaves behind."""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.test import RequestFactory
from django.urls import reverse

from northern_connections.core.testing import changed_tables, fingerprint, is_refusal, write_count
from northern_connections.directory.models import Organisation


def test_an_update_of_one_field_changes_the_fingerprint_of_its_table(people):
    before, writes = fingerprint(), write_count()
    Organisation.objects.filter(pk=people.organisation.pk).update(city="Malmö")
    assert write_count() != writes
    assert changed_tables(before) == ["directory_organisation"]


def test_a_write_rolled_back_inside_the_request_changes_nothing(people):
    before = fingerprint()
    with pytest.raises(RuntimeError), transaction.atomic():
        Organisation.objects.filter(pk=people.organisation.pk).update(city="Malmö")
        people.other_organisation.delete()
        raise RuntimeError("refused")
    assert changed_tables(before) == []


def _redirect_with(level):
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    messages.add_message(request, level, "text")
    response = HttpResponseRedirect("/somewhere/")
    response.wsgi_request = request
    return response


def test_a_redirect_counts_as_refused_with_an_error_message_or_to_the_login_page():
    assert is_refusal(_redirect_with(messages.ERROR)) and is_refusal(_redirect_with(messages.WARNING))
    assert not is_refusal(_redirect_with(messages.SUCCESS))
    login = HttpResponseRedirect(reverse("account_login") + "?next=/x/")
    login.wsgi_request = RequestFactory().post("/x/")
    assert is_refusal(login)
    assert is_refusal(HttpResponse(status=403)) and not is_refusal(HttpResponse(status=201))
