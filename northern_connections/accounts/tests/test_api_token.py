"""API tokens: shown once, stored as a digest, revocable, and `Authorization: Token <key>` works."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from rest_framework.test import APIClient

from northern_connections.accounts import services
from northern_connections.accounts.models import ApiToken


def _key_from(response) -> str:
    html = response.content.decode()
    start = html.index('<code id="api-token-key">') + len('<code id="api-token-key">')
    return html[start:html.index("</code>", start)]


def _refused(response) -> bool:
    """DRF answers 403 rather than 401 because session authentication is listed first."""
    return response.status_code in (401, 403) and response.json()["detail"] in ("Invalid token.",
                                                                                "User inactive or deleted.")


def _api(key: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


@pytest.mark.django_db
def test_token_is_shown_once_and_then_never_again(client, make_user):
    """Regression: the profile page showed the key on every visit although it said 'shown once'."""
    user = make_user("once@example.org")
    client.force_login(user)
    response = client.post(reverse("accounts:api_token"))
    assert response.status_code == 200
    key = _key_from(response)
    assert len(key) >= 40
    assert "no-store" in response["Cache-Control"]
    later = client.get(reverse("accounts:profile")).content.decode()
    assert key not in later
    assert key[: ApiToken.PREFIX_LENGTH] in later  # the prefix tells which key it is


@pytest.mark.django_db
def test_only_a_digest_is_stored(make_user):
    user = make_user("digest@example.org")
    key = services.api_token_create(actor=user)
    token = ApiToken.objects.get(user=user)
    stored = [str(getattr(token, f.attname)) for f in ApiToken._meta.concrete_fields]
    assert key not in stored
    assert token.digest == ApiToken.hash(key) != key


@pytest.mark.django_db
def test_token_header_authenticates_an_api_write(client, make_user):
    user = make_user("api@example.org")
    client.force_login(user)
    key = _key_from(client.post(reverse("accounts:api_token")))
    client.logout()
    response = _api(key).post(
        reverse("api:v1:organisation-list"), {"name": "Token SME", "kind": "sme", "country": "NL"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["slug"] == "token-sme"
    assert ApiToken.objects.get(user=user).last_used is not None


@pytest.mark.django_db
def test_wrong_key_with_a_right_prefix_is_refused(make_user):
    key = services.api_token_create(actor=make_user("prefix@example.org"))
    forged = key[: ApiToken.PREFIX_LENGTH] + "x" * (len(key) - ApiToken.PREFIX_LENGTH)
    assert _refused(_api(forged).get(reverse("api:v1:organisation-list")))
    assert _refused(_api("nonsense").get(reverse("api:v1:organisation-list")))


@pytest.mark.django_db
def test_regenerating_and_revoking_stop_the_old_key(client, make_user):
    user = make_user("rotate@example.org")
    client.force_login(user)
    first = _key_from(client.post(reverse("accounts:api_token")))
    second = _key_from(client.post(reverse("accounts:api_token")))
    assert first != second
    url = reverse("api:v1:organisation-list")
    assert _refused(_api(first).get(url))
    assert _api(second).get(url).status_code == 200
    response = client.post(reverse("accounts:api_token_revoke"))
    assert response.status_code == 302
    assert _refused(_api(second).get(url))
    assert not ApiToken.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_inactive_user_token_is_refused(make_user):
    user = make_user("gone@example.org")
    key = services.api_token_create(actor=user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert _refused(_api(key).get(reverse("api:v1:organisation-list")))


@pytest.mark.django_db
def test_someone_else_cannot_revoke_my_token(make_user):
    from django.core.exceptions import PermissionDenied

    owner, other = make_user("owner@example.org"), make_user("other@example.org")
    services.api_token_create(actor=owner)
    with pytest.raises(PermissionDenied):
        services.api_token_revoke(actor=other, token=ApiToken.objects.get(user=owner))
    assert ApiToken.objects.filter(user=owner).exists()


@pytest.mark.django_db
def test_create_api_token_command_prints_a_working_key(make_user):
    make_user("script@example.org")
    out = io.StringIO()
    call_command("create_api_token", "--email", "Script@example.org", stdout=out)
    key = out.getvalue().strip()
    assert _api(key).get(reverse("api:v1:organisation-list")).status_code == 200
    with pytest.raises(CommandError, match="No active user"):
        call_command("create_api_token", "--email", "nobody@example.org", stdout=io.StringIO())
