"""The jury's and owner's pages: jury, scoring, conflicts, ranking, shortlist and decision."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core.permissions import CHANGE
from northern_connections.core.views import (
    GateView,
    apply_validation_error,
    message_error,
)

from .. import documents, selectors, services
from ..choices import ChallengeStatus
from ..forms import (
    ConflictForm,
    DecisionForm,
    JurorForm,
    ScoreForm,
)
from ..models import (
    Application,
    Challenge,
    Score,
)
from ..permissions import EVALUATE


class JuryView(GateView):
    """The owner assigns jurors by e-mail address."""

    model = Challenge
    action = CHANGE

    def get(self, request, slug, form=None, status=200):
        challenge = self.get_object()
        return render(request, "challenges/challenge_jury.html", {
            "object": challenge, "form": form or JurorForm(), "jury": challenge.jury.select_related("user")},
            status=status)

    def post(self, request, slug):
        challenge = self.get_object()
        form = JurorForm(request.POST)
        if form.is_valid():
            user = User.objects.filter(email__iexact=form.cleaned_data["email"], is_active=True).first()
            if user is None:
                form.add_error("email", _("No registered user has this address; ask them to register first."))
            else:
                try:
                    services.jury_assign(actor=request.user, challenge=challenge, user=user)
                except ValidationError as error:
                    apply_validation_error(form, error)
                else:
                    messages.success(request, _("Juror added and notified."))
                    return redirect("challenges:challenge_jury", slug=slug)
        return self.get(request, slug, form=form, status=400)


class EvaluateView(GateView):
    """A juror's list: the applications, their conflicts and own progress."""

    model = Challenge
    action = EVALUATE

    def get(self, request, slug):
        challenge = self.get_object()
        return render(request, "challenges/challenge_evaluate.html", {
            "object": challenge, "rows": selectors.evaluation_rows(actor=request.user, challenge=challenge),
            "conflict_form": ConflictForm()})


class ScoreView(GateView):
    model = Application

    def _application(self):
        application = self.get_object()
        if not Challenge.objects.restrict(self.request.user, EVALUATE).filter(pk=application.challenge_id).exists():
            self.deny()
        return application

    def _render(self, application, form, status=200):
        challenge = application.challenge
        return render(self.request, "challenges/application_score.html", {
            "object": application, "challenge": challenge, "form": form,
            "label": selectors.applicant_label(application, blind=challenge.blind_evaluation)}, status=status)

    def get(self, request, pk):
        application = self._application()
        existing = {s.criterion_id: s for s in Score.objects.filter(application=application,
                                                                    assignment__user=request.user)}
        return self._render(application, ScoreForm(criteria=application.challenge.criteria.all(), scores=existing))

    def post(self, request, pk):
        application = self._application()
        form = ScoreForm(request.POST, criteria=application.challenge.criteria.all())
        if form.is_valid():
            try:
                services.scores_save(actor=request.user, application=application, scores=form.scores())
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Scores saved."))
                return redirect("challenges:challenge_evaluate", slug=application.challenge.slug)
        return self._render(application, form, status=400)


class ConflictDeclareView(ScoreView):
    def get(self, request, pk):
        raise Http404

    def post(self, request, pk):
        application = self._application()
        form = ConflictForm(request.POST)
        form.is_valid()
        services.conflict_declare(actor=request.user, challenge=application.challenge, application=application,
                                  reason=form.cleaned_data.get("reason", ""))
        messages.success(request, _("Conflict of interest recorded; you will not score this application."))
        return redirect("challenges:challenge_evaluate", slug=application.challenge.slug)


class RankingView(GateView):
    model = Challenge
    action = CHANGE

    def get(self, request, slug):
        challenge = self.get_object()
        return render(request, "challenges/challenge_ranking.html", {
            "object": challenge, "rows": selectors.challenge_ranking(challenge=challenge),
            "criteria": list(challenge.criteria.all()), "decision_form": DecisionForm(),
            "can_decide": challenge.status == ChallengeStatus.UNDER_EVALUATION})


class RankingExcelView(GateView):
    model = Challenge
    action = CHANGE

    def get(self, request, slug):
        challenge = self.get_object()
        content = documents.evaluation_xlsx(challenge, selectors.challenge_ranking(challenge=challenge),
                                            list(challenge.criteria.all()))
        response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml"
                                                      ".sheet")
        response["Content-Disposition"] = f'attachment; filename="evaluation-{challenge.slug}.xlsx"'
        return response


class ShortlistView(GateView):
    model = Application

    def post(self, request, pk):
        application = self.get_object()
        try:
            services.application_shortlist(actor=request.user, application=application,
                                           shortlisted=request.POST.get("shortlisted", "1") == "1")
        except ValidationError as error:
            message_error(request, error)
        return redirect("challenges:challenge_ranking", slug=application.challenge.slug)


class DecideView(GateView):
    model = Application

    def post(self, request, pk):
        application = self.get_object()
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                services.application_decide(actor=request.user, application=application, **form.cleaned_data)
            except ValidationError as error:
                message_error(request, error)
            else:
                messages.success(request, _("Decision recorded; letters go out when the challenge is decided."))
        return redirect("challenges:challenge_ranking", slug=application.challenge.slug)


