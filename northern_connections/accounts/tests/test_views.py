"""Sign-up with verification, login throttling, profile language, API tokens."""

import re

import pytest
from django.core import mail
from django.urls import reverse


@pytest.mark.django_db
def test_signup_requires_email_verification_before_login(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "sme@vind.example",
            "full_name": "Test Person",
            "preferred_language": "da",
            "password1": "harbour-electric-9-ferry",
            "password2": "harbour-electric-9-ferry",
        },
    )
    assert response.status_code == 302 and "confirm-email" in response["Location"]
    assert client.get(reverse("accounts:profile")).status_code == 302  # not logged in yet
    link = re.search(r"/accounts/confirm-email/[^/\s]+/", mail.outbox[-1].body).group(0)
    client.post(link)
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    assert response.wsgi_request.user.preferred_language == "da"
    assert response.wsgi_request.user.password.startswith("md5$")  # test hasher; production uses Argon2


def test_production_hashes_with_argon2():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.django_db
def test_failed_logins_are_throttled(client, make_user, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/key"}
    make_user("victim@example.org", password="the-right-password-1")
    for _ in range(3):
        response = client.post(reverse("account_login"), {"login": "victim@example.org", "password": "wrong"})
        assert response.status_code == 200
    response = client.post(
        reverse("account_login"), {"login": "victim@example.org", "password": "the-right-password-1"}
    )
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_profile_language_applies_to_the_interface(client, make_user):
    user = make_user("lang@example.org", preferred_language="de")
    client.force_login(user)
    response = client.get(reverse("home:index"))
    assert response.wsgi_request.LANGUAGE_CODE == "de"
    assert '<html lang="de">' in response.content.decode()


@pytest.mark.django_db
def test_password_reset_by_email(client, make_user):
    make_user("forgetful@example.org", password="old-password-123456")
    response = client.post(reverse("account_reset_password"), {"email": "forgetful@example.org"})
    assert response.status_code == 302
    link = re.search(r"/accounts/password/reset/key/\S+/", mail.outbox[-1].body).group(0)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(form_url, {"password1": "new-harbour-password-9", "password2": "new-harbour-password-9"})
    assert response.status_code == 302
    assert client.login(username="forgetful@example.org", password="new-harbour-password-9")
