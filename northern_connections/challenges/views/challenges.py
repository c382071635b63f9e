"""Pages of a challenge: the public board, detail, create, edit, criteria and status changes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.accounts.choices import EDITING_ROLES
from northern_connections.core.permissions import CHANGE
from northern_connections.core.views import (
    GateView,
    ObjectCreateView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    TransitionActionView,
)
from northern_connections.directory.choices import OrganisationKind
from northern_connections.directory.selectors import organisations_acting_for

from .. import selectors, services
from ..filtersets import ChallengeBoardFilterSet
from ..forms import ChallengeForm, ClarificationForm, CriteriaFormSet, StartApplicationForm
from ..models import Challenge
from ..permissions import OWNER_KINDS
from ..tables import ChallengeTable
from ..workflow import CHALLENGE_WORKFLOW


def _editable_organisations(user, kinds=None):
    return organisations_acting_for(actor=user, roles=EDITING_ROLES, kinds=kinds)


class ChallengeListView(ObjectListView):
    model = Challenge
    selector = selectors.challenge_list
    filterset_class = ChallengeBoardFilterSet
    table_class = ChallengeTable


class ChallengeDetailView(ObjectDetailView):
    model = Challenge
    selector = selectors.challenge_get

    def get_extra_context(self, challenge):
        request = self.request
        services.challenge_view_record(challenge=challenge, user=request.user)
        context = selectors.challenge_detail_context(actor=request.user, challenge=challenge)
        context.update({
            "transitions_allowed": CHALLENGE_WORKFLOW.available(challenge, request.user),
            "clarification_form": ClarificationForm(organisations=selectors.user_organisations(request.user)),
            "start_form": StartApplicationForm(organisations=_editable_organisations(request.user))
            if request.user.is_authenticated else None,
            "deadline_local": services.format_deadline(challenge) if challenge.application_deadline else "",
            "can_recommend": request.user.is_authenticated and challenge.is_open and _editable_organisations(
                request.user, [OrganisationKind.CLUSTER]).exists(),
        })
        return context


class ChallengeCreateView(ObjectCreateView):
    model = Challenge
    form_class = ChallengeForm
    service = services.challenge_create
    success_message = _lazy("Draft saved. Add the evaluation criteria, then publish.")
    return_to = ("challenges:challenge_criteria", "")

    def get_form_kwargs(self):
        return {"owners": organisations_acting_for(actor=self.request.user, roles=EDITING_ROLES, kinds=OWNER_KINDS,
                                                   all_for_admins=True)}


class ChallengeEditView(ObjectEditView):
    model = Challenge
    form_class = ChallengeForm
    service = services.challenge_update


class ChallengeCriteriaView(GateView):
    model = Challenge
    action = CHANGE

    def get(self, request, slug):
        challenge = self.get_object()
        initial = [{"name": c.name, "description": c.description, "weight": c.weight} for c in challenge.criteria.all()]
        return render(request, "challenges/challenge_criteria.html",
                      {"formset": CriteriaFormSet(initial=initial), "object": challenge})

    def post(self, request, slug):
        challenge = self.get_object()
        formset = CriteriaFormSet(request.POST)
        if formset.is_valid():
            try:
                services.challenge_criteria_set(actor=request.user, challenge=challenge,
                                                criteria=[f.cleaned_data for f in formset if f.cleaned_data])
            except ValidationError as error:
                formset._non_form_errors = formset.error_class(error.messages)
            else:
                messages.success(request, _("Criteria saved."))
                return redirect(challenge.get_absolute_url())
        return render(request, "challenges/challenge_criteria.html", {"formset": formset, "object": challenge},
                      status=400)


class ChallengeTransitionView(TransitionActionView):
    """A move of the challenge's life cycle; an empty or unknown status is refused by the workflow."""

    model = Challenge
    service = services.challenge_transition
    success_message = _lazy("The challenge's status was changed.")
