"""Profile, memberships and invitations: thin views over accounts.services."""

import json
from functools import partial

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from northern_connections.core.permissions import ADMINISTER, CHANGE, can, is_platform_admin
from northern_connections.core.privacy import ExportEncoder, personal_data_export
from northern_connections.core.views import GateView, ObjectActionView, download, message_error, submit_form
from northern_connections.directory.models import Organisation

from . import selectors, services
from .forms import AccountDeleteForm, InvitationForm, ProfileForm, RoleForm
from .models import Invitation, Membership, MembershipRequest


@method_decorator(login_required, name="dispatch")
class ProfileView(View):
    def get(self, request):
        form = ProfileForm(initial={"full_name": request.user.full_name,
                                    "preferred_language": request.user.preferred_language})
        return self.render(form)

    def post(self, request):
        form = ProfileForm(request.POST)
        if form.is_valid():
            services.profile_update(actor=request.user, **form.cleaned_data)
            response = redirect("accounts:profile")
            # The profile language takes effect now, also over an earlier switcher choice.
            from django.conf import settings

            response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
            messages.success(request, _("Profile saved."))
            return response
        return self.render(form, status=400)

    def render(self, form, status=200, new_key=None):
        response = render(self.request, "accounts/profile.html", {
            "form": form, "memberships": selectors.membership_list_for_user(actor=self.request.user),
            "token": selectors.api_token_for_user(actor=self.request.user), "new_key": new_key,
        }, status=status)
        add_never_cache_headers(response)
        return response


@method_decorator(login_required, name="dispatch")
class PrivacyView(View):
    """Your data: download everything the platform holds about you, or delete your account (GDPR 15, 17, 20)."""

    def get(self, request):
        return self.render(AccountDeleteForm())

    def post(self, request):
        form = AccountDeleteForm(request.POST)
        if submit_form(request, form, partial(services.account_delete, actor=request.user)):
            logout(request)
            messages.success(request, _("Your account was deleted."))
            return redirect("home:index")
        return self.render(form, status=400)

    def render(self, form, status=200):
        response = render(self.request, "accounts/privacy.html", {"form": form}, status=status)
        add_never_cache_headers(response)
        return response


@login_required
def personal_data_download(request):
    """Everything about the signed-in person as one JSON file, from every app (core.privacy)."""
    body = json.dumps(personal_data_export(request.user), cls=ExportEncoder, indent=2, ensure_ascii=False)
    response = download(body, "application/json; charset=utf-8", "northern-connections-my-data.json")
    add_never_cache_headers(response)
    return response


@method_decorator(login_required, name="dispatch")
class ApiTokenView(ProfileView):
    """Create (or replace) the user's API token and show the key in this one response, never again.

    The key is rendered straight into the answer to the POST rather than passed through the
    session to a redirected GET: it is never written anywhere on the server in clear.
    """

    def get(self, request):
        return redirect("accounts:profile")

    def post(self, request):
        key = services.api_token_create(actor=request.user)
        form = ProfileForm(initial={"full_name": request.user.full_name,
                                    "preferred_language": request.user.preferred_language})
        return self.render(form, new_key=key)


@login_required
def api_token_revoke(request):
    """Delete the user's API token; clients that send it get 401 from now on."""
    if request.method == "POST":
        token = selectors.api_token_for_user(actor=request.user)
        if token is not None:
            services.api_token_revoke(actor=request.user, token=token)
            messages.success(request, _("Your API token was revoked."))
    return redirect("accounts:profile")


class OrganisationPeopleView(GateView):
    """Members, invitations and join requests of one organisation (members only)."""

    model = Organisation

    def get(self, request, slug):
        organisation = get_object_or_404(Organisation.objects.restrict(request.user), slug=slug)
        people = selectors.organisation_people(actor=request.user, organisation=organisation)
        if not people["memberships"].exists() and not is_platform_admin(request.user):
            self.deny()
        return render(request, "accounts/organisation_people.html", {
            "organisation": organisation,
            "is_admin": can(request.user, ADMINISTER, organisation),
            "invitation_form": InvitationForm(),
            **people,
        })

    def post(self, request, slug):
        organisation = get_object_or_404(Organisation.objects.restrict(request.user), slug=slug)
        if not can(request.user, ADMINISTER, organisation):
            self.deny()
        form = InvitationForm(request.POST)
        invite = partial(services.invitation_create, actor=request.user, organisation=organisation,
                         accept_url_base=request.build_absolute_uri("/")[:-1])
        submit_form(request, form, invite, _("Invitation sent."), errors_as_messages=True)
        if not form.is_valid():
            messages.error(request, _("Please give a valid e-mail address."))
        return redirect("accounts:organisation_people", slug=slug)


class MembershipRoleView(GateView):
    model = Membership
    action = CHANGE

    def post(self, request, pk):
        membership = self.get_object()
        form = RoleForm(request.POST)
        set_role = partial(services.membership_set_role, actor=request.user, membership=membership)
        submit_form(request, form, set_role, errors_as_messages=True)
        return redirect("accounts:organisation_people", slug=membership.organisation.slug)


class MembershipRemoveView(GateView):
    """Leave an organisation (your own membership) or remove a colleague (administrators)."""

    model = Membership
    action = CHANGE

    def post(self, request, pk):
        membership = self.get_object()
        own = membership.user_id == request.user.pk
        try:
            services.membership_remove(actor=request.user, membership=membership)
        except ValidationError as error:
            message_error(request, error)
            return redirect(request.POST.get("next") or "accounts:profile")
        if own:
            messages.success(request, _("You left %(org)s.") % {"org": membership.organisation})
            return redirect("accounts:profile")
        messages.success(request, _("Removed."))
        return redirect("accounts:organisation_people", slug=membership.organisation.slug)


class PeoplePageActionView(ObjectActionView):
    """An administrator's action on an organisation's people page, which the user goes back to."""

    success_message = ""

    return_to = ("accounts:organisation_people", "organisation")


class MembershipRequestDecideView(PeoplePageActionView):
    model = MembershipRequest
    service = services.membership_request_decide

    def service_kwargs(self, obj):
        return {"approve": self.request.POST.get("decision") == "approve"}


class InvitationRevokeView(PeoplePageActionView):
    model = Invitation
    service = services.invitation_revoke


@method_decorator(login_required, name="dispatch")
class InvitationAcceptView(View):
    def get(self, request, token):
        invitation = Invitation.objects.select_related("organisation").filter(token=token).first()
        if invitation is None:
            raise Http404
        return render(request, "accounts/invitation_accept.html", {"invitation": invitation})

    def post(self, request, token):
        try:
            membership = services.invitation_accept(actor=request.user, token=token)
        except (ValidationError, PermissionDenied) as error:
            message_error(request, error)
            return redirect("accounts:profile")
        messages.success(request, _("You are now a member of %(org)s.") % {"org": membership.organisation})
        return redirect(membership.organisation.get_absolute_url())
