"""Matchmaking pages: thin views that parse input, call one selector or service and render.

Objects are looked up through the gate (GateView), so an organisation or challenge the user may
not see is a 404 and anonymous users are sent to log in; whether the user may see *matches* for
it is the selectors' rule (permissions.py). Views check it first only so that an anonymous
visitor is sent to the login page rather than refused (the selectors raise PermissionDenied).
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from northern_connections.challenges.models import Challenge
from northern_connections.core.permissions import CHANGE, MATCH, can
from northern_connections.core.views import GateView, ObjectDeleteView, message_error, submit_form
from northern_connections.directory.models import Organisation

from . import selectors, services
from .forms import ChallengeSearchForm, FeedForm, OrganisationSearchForm, SavedSearchForm
from .models import SavedSearch


@method_decorator(login_required, name="dispatch")
class HomeView(View):
    """The user's organisations (each with its recommendations) and saved searches."""

    def get(self, request):
        return render(request, "matchmaking/home.html", {
            "organisations": selectors.member_organisations(actor=request.user),
            "challenges": selectors.challenges_to_match(actor=request.user),
            "searches": selectors.savedsearch_list(actor=request.user),
        })


class ChallengesForOrganisationView(GateView):
    model = Organisation

    def get(self, request, slug):
        organisation = self.get_object(MATCH)
        form = ChallengeSearchForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            results, filters = [], {}
        else:
            filters = form.query_filters() if form.is_bound else {}
            results = selectors.challenges_for_organisation(actor=request.user, organisation=organisation, **filters)
        save_initial = {**(form.cleaned_data if form.is_bound and form.is_valid() else {}),
                        "name": filters.get("text") or _("Challenges for %(organisation)s")
                        % {"organisation": organisation}}
        return render(request, "matchmaking/challenges_for_organisation.html", {
            "object": organisation, "form": form, "results": results,
            "save_form": SavedSearchForm(initial=save_initial),
            "feed": selectors.organisation_feed(actor=request.user, organisation=organisation),
            "feed_form": FeedForm(),
        })


class OrganisationsForChallengeView(GateView):
    model = Challenge

    def get(self, request, slug):
        challenge = selectors.challenge_for_matching(actor=request.user, slug=slug)
        if challenge is None:
            if not request.user.is_authenticated:
                self.deny()
            raise Http404
        if not can(request.user, MATCH, challenge):
            self.deny()
        form = OrganisationSearchForm(request.GET or None)
        results = []
        if not form.is_bound or form.is_valid():
            filters = form.query_filters() if form.is_bound else {}
            results = selectors.organisations_for_challenge(actor=request.user, challenge=challenge, **filters)
        return render(request, "matchmaking/organisations_for_challenge.html",
                      {"object": challenge, "form": form, "results": results})


class OrganisationPostView(GateView):
    """A signed-in user's POST from an organisation's recommendations page (an organisation they can see)."""

    model = Organisation

    def signed_in_organisation(self) -> Organisation:
        organisation = self.get_object()
        if not self.request.user.is_authenticated:
            self.deny()
        return organisation


class SavedSearchCreateView(OrganisationPostView):
    """"Save this search" on the recommendations page (POST only)."""

    def post(self, request, slug):
        organisation = self.signed_in_organisation()
        form = SavedSearchForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The search could not be saved: %(errors)s")
                           % {"errors": " ".join(e for errors in form.errors.values() for e in errors)})
            return redirect("matchmaking:challenges_for_organisation", slug=organisation.slug)
        try:
            search = services.savedsearch_create(actor=request.user, organisation=organisation,
                                                 **form.service_fields())
        except ValidationError as error:
            message_error(request, error)
            return redirect("matchmaking:challenges_for_organisation", slug=organisation.slug)
        messages.success(request, _("Search saved. New matching challenges will be e-mailed to you (%(frequency)s).")
                         % {"frequency": search.get_frequency_display().lower()})
        return redirect(search.get_absolute_url())


class FeedAcceptView(OrganisationPostView):
    """"Accept the recommendation feed": alerts for whatever fits the organisation's profile."""

    def post(self, request, slug):
        organisation = self.signed_in_organisation()
        form = FeedForm(request.POST)
        frequency = form.cleaned_data["frequency"] if form.is_valid() else FeedForm.base_fields["frequency"].initial
        feed = services.savedsearch_feed_accept(actor=request.user, organisation=organisation, frequency=frequency)
        messages.success(request, _("You will receive the recommendation feed for %(organisation)s (%(frequency)s).")
                         % {"organisation": organisation, "frequency": feed.get_frequency_display().lower()})
        return redirect("matchmaking:challenges_for_organisation", slug=organisation.slug)


class SavedSearchEditView(GateView):
    model = SavedSearch
    action = CHANGE

    def _render(self, search, form, status=200):
        return render(self.request, "matchmaking/savedsearch_form.html",
                      {"object": search, "form": form, "meta": SavedSearch._meta}, status=status)

    def get(self, request, pk):
        search = self.get_object()
        return self._render(search, SavedSearchForm(initial=SavedSearchForm.initial_for(search)))

    def post(self, request, pk):
        search = self.get_object()
        form = SavedSearchForm(request.POST)
        update = partial(services.savedsearch_update, actor=request.user, saved_search=search)
        if submit_form(request, form, update, _("Saved.")):
            return redirect("matchmaking:home")
        return self._render(search, form, status=400)


class SavedSearchDeleteView(ObjectDeleteView):
    model = SavedSearch

    success_url = reverse_lazy("matchmaking:home")

    def delete(self, obj):
        services.savedsearch_delete(actor=self.request.user, saved_search=obj)


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """The one-click link of every digest. GET asks for confirmation (link scanners only GET);
    POST unsubscribes, including a mail client's RFC 8058 one-click POST, which carries no CSRF
    token — the secret token in the address is the credential, so no login is needed either."""

    def _search(self, token):
        search = SavedSearch.objects.select_related("organisation").filter(unsubscribe_token=token).first()
        if search is None:
            raise Http404(_("This unsubscribe link is not valid (any more)."))
        return search

    def get(self, request, token):
        return render(request, "matchmaking/unsubscribe.html", {"search": self._search(token), "done": False})

    def post(self, request, token):
        self._search(token)
        search = services.savedsearch_unsubscribe(token=token)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=200)
        return render(request, "matchmaking/unsubscribe.html", {"search": search, "done": True})

