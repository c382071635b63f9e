"""The jury's and owner's pages: jury, scoring, conflicts, ranking, shortlist and decision."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.permissions import CHANGE, VIEW, can
from northern_connections.core.views import XLSX, GateView, ObjectActionView, ObjectCreateView, download

from .. import documents, selectors, services
from ..choices import ChallengeStatus
from ..forms import ConflictExceptionForm, ConflictForm, DecisionForm, JurorForm, ScoreForm
from ..models import Application, Challenge, JuryAssignment, Score
from ..permissions import EVALUATE


class JuryView(ObjectCreateView):
    """The owner appoints jurors by e-mail address and sees who is tied to the competition."""

    model = Challenge
    action = CHANGE
    form_class = JurorForm
    template_name = "challenges/challenge_jury.html"
    service = services.jury_assign_by_email
    success_message = _lazy("Juror added and notified.")

    def check_add(self) -> None:
        self.challenge = self.get_object()

    def create(self, form):
        return self.call_service(self.challenge, **form.cleaned_data)

    def get_success_url(self, obj):
        return reverse("challenges:challenge_jury", kwargs={"slug": self.challenge.slug})

    def get_context(self):
        return {"object": self.challenge, "jury": selectors.jury_rows(challenge=self.challenge),
                "exception_form": ConflictExceptionForm()}


class ConflictExceptionView(ObjectActionView):
    """The owner records why a juror tied to the competition may score the competitors."""

    model = JuryAssignment
    form_class = ConflictExceptionForm
    service = services.conflict_exception_grant
    success_message = _lazy("Exception recorded.")
    confirm_question = _lazy("Record an exception to this juror's conflict of interest?")

    return_to = ("challenges:challenge_jury", "challenge")


class EvaluateView(GateView):
    """A juror's list: the applications, their conflicts and own progress."""

    model = Challenge
    action = EVALUATE

    def get(self, request, slug):
        challenge = self.get_object()
        return render(request, "challenges/challenge_evaluate.html", {
            "object": challenge, "rows": selectors.evaluation_rows(actor=request.user, challenge=challenge),
            "conflict_form": ConflictForm()})


class JurorApplicationMixin:
    """An application of a challenge the user is on the jury of (the applicant may not score it)."""

    model = Application
    action = VIEW
    return_to = ("challenges:challenge_evaluate", "challenge")

    def get_object(self, action=None):
        application = super().get_object(action)
        if not Challenge.objects.restrict(self.request.user, EVALUATE).filter(pk=application.challenge_id).exists():
            self.deny()
        return application


class ScoreView(JurorApplicationMixin, ObjectCreateView):
    """A juror scores one application; a conflicted juror is refused by the service (403)."""

    template_name = "challenges/application_score.html"
    service = services.scores_save
    success_message = _lazy("Scores saved.")

    def check_add(self) -> None:
        self.application = self.get_object()

    def get_form(self, data=None, files=None):
        criteria = self.application.challenge.criteria.all()
        if data is not None:
            return ScoreForm(data, criteria=criteria)
        existing = {s.criterion_id: s for s in Score.objects.filter(application=self.application,
                                                                    assignment__user=self.request.user)}
        return ScoreForm(criteria=criteria, scores=existing)

    def create(self, form):
        self.call_service(self.application, scores=form.scores())
        return self.application

    def get_context(self):
        application = self.application
        challenge = application.challenge
        return {"object": application, "challenge": challenge,
                "label": selectors.applicant_label(application, blind=challenge.blind_evaluation)}


class ConflictDeclareView(JurorApplicationMixin, ObjectActionView):
    form_class = ConflictForm
    service = services.conflict_declare
    success_message = _lazy("Conflict of interest recorded; you will not score this application.")
    confirm_question = _lazy("Declare a conflict of interest with this application?")

    def service_kwargs(self, obj):
        return {**super().service_kwargs(obj), "challenge": obj.challenge}

    def get(self, request, *args, **kwargs):
        # Not the generic confirmation page: it names the object, and an untitled application's name is its applicant.
        application = self.get_object()
        return render(request, "challenges/conflict_declare.html", {
            "object": application, "question": self.confirm_question,
            "label": selectors.applicant_label(application, blind=application.challenge.blind_evaluation)})


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
        return download(content, XLSX, f"evaluation-{challenge.slug}.xlsx")


class OwnerApplicationActionView(ObjectActionView):
    """The owner's shortlist and decision on one application (the service checks the owner)."""

    model = Application
    action = VIEW
    return_to = ("challenges:challenge_ranking", "challenge")

    def get_object(self, action=None):
        application = super().get_object(action)
        if not can(self.request.user, CHANGE, application.challenge):  # a juror may read it, never decide it
            self.deny()
        return application


class ShortlistView(OwnerApplicationActionView):
    service = services.application_shortlist
    success_message = _lazy("Shortlist updated.")

    def service_kwargs(self, obj):
        return {"shortlisted": self.request.POST.get("shortlisted", "1") == "1"}


class DecideView(OwnerApplicationActionView):
    form_class = DecisionForm
    service = services.application_decide
    success_message = _lazy("Decision recorded; letters go out when the challenge is decided.")
