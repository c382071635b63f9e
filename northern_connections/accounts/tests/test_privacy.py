"""A person's data download and account deletion (issue 19, core/privacy.py, accounts/privacy.py)."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from northern_connections.accounts.models import Membership
from northern_connections.core.models import Job
from northern_connections.core.privacy import personal_data_export, personal_data_sources, user_foreign_keys
from northern_connections.core.testing import create_user
from northern_connections.matchmaking.models import SavedSearch

pytestmark = pytest.mark.django_db


def _download(client, user):
    client.force_login(user)
    response = client.get(reverse("accounts:personal_data"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    return json.loads(response.content)


def test_the_download_has_every_app_s_data_and_no_secret(client, people):
    member = people.member
    SavedSearch.objects.create(user=member, organisation=people.organisation, name="Offshore wind calls")
    Job.objects.create(kind="report", owner=member, message="done")
    data = _download(client, member)
    account = data["sections"]["accounts"]
    assert account["profile"]["email"] == "member@example.org"
    assert [m["organisation"] for m in account["memberships"]] == [people.organisation.name]
    assert [s["name"] for s in data["sections"]["matchmaking"]] == ["Offshore wind calls"]
    # Not registered by its app: found through its foreign key to the user all the same.
    assert [(r["as"], r["kind"]) for r in data["other_records"]["core.Job"]] == [("owner", "report")]
    text = json.dumps(data)
    assert "password" not in text and "unsubscribe_token" not in text and "pbkdf2" not in text.lower()


def test_every_platform_model_that_points_to_a_person_is_in_the_download():
    covered = {m for s in personal_data_sources() for m in s.models}
    generic = {model for model, _ in user_foreign_keys()} - covered
    # The generic part takes any model of the platform's apps with a foreign key to the user, apps finished
    # later included; registered sources replace it for the models they name.
    assert SavedSearch in covered and Membership in covered and Job in generic


def test_deleting_the_account_anonymises_it_and_keeps_organisations_records(client, people):
    member = people.member
    SavedSearch.objects.create(user=member, organisation=people.organisation, name="Mine only")
    job = Job.objects.create(kind="report", owner=member)
    client.force_login(member)
    response = client.post(reverse("accounts:privacy"), {"password": "correct-horse-battery"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home:index")
    assert "Your account was deleted." in response.content.decode()
    member.refresh_from_db()
    assert member.email == f"deleted-{member.pk}@deleted.invalid" and member.full_name == ""
    assert not member.is_active and not member.has_usable_password()
    assert not Membership.objects.filter(user=member).exists() and not SavedSearch.objects.filter(user=member).exists()
    job.refresh_from_db()
    assert job.owner_id == member.pk  # the record stays, with an account that no longer says who it was
    assert client.get(reverse("accounts:profile")).status_code == 302  # signed out
    assert not client.login(email="member@example.org", password="correct-horse-battery")
    assert personal_data_export(member)["sections"]["accounts"]["email_addresses"] == []


def test_the_last_administrator_of_an_organisation_with_members_is_refused(client, people):
    colleague = create_user("colleague@example.org")
    Membership.objects.create(user=colleague, organisation=people.organisation)
    client.force_login(people.member)
    response = client.post(reverse("accounts:privacy"), {"password": "correct-horse-battery"})
    assert response.status_code == 400 and "last administrator" in response.content.decode()
    people.member.refresh_from_db()
    assert people.member.is_active and people.member.email == "member@example.org"
    assert get_user_model().objects.filter(email="member@example.org").exists()


def test_a_wrong_password_is_said_at_the_password_field(client, people):
    client.force_login(people.member)
    response = client.post(reverse("accounts:privacy"), {"password": "not-it"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"password": ["The password is not correct."]}
    people.member.refresh_from_db()
    assert people.member.is_active
