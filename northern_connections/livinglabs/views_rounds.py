"""Pages of selection rounds: set-up, assessment, shortlist with sensitivity, decision and exports."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.permissions import CHANGE, VIEW
from northern_connections.core.views import (
    PDF,
    XLSX,
    GateView,
    ObjectActionView,
    ObjectCreateView,
    ObjectDeleteView,
    ObjectEditView,
    TransitionActionView,
    download,
    message_error,
    submit_form,
)

from . import documents, presentation, selectors, services
from .choices import Method
from .forms import AssessorForm, CriterionForm, RoundForm, ScoreSheetForm
from .models import Assessor, Criterion, SelectionRound, ShortlistRun
from .permissions import ASSESS, EXPORT


class RoundListView(GateView):
    model = SelectionRound

    def get(self, request):
        from northern_connections.core.permissions import can_add

        return render(request, "livinglabs/round_list.html", {
            "rounds": selectors.round_list(actor=request.user), "can_add": can_add(request.user, SelectionRound)})


class RoundDetailView(GateView):
    model = SelectionRound

    def get(self, request, slug):
        round = self.get_object()
        context = {"object": round, **selectors.round_page(actor=request.user, round=round)}
        if round.is_decided and round.frozen:
            table = presentation.rows(round.frozen, round.frozen.get("names", {}))
            context |= {"rows": table, "weights_chart": presentation.weights_chart(round.frozen),
                        "selected_chart": presentation.selected_scores_chart(table)}
        return render(request, "livinglabs/round_detail.html", context)


class RoundCreateView(ObjectCreateView):
    model, form_class, service = SelectionRound, RoundForm, services.round_create
    template_name = "livinglabs/round_form.html"
    success_message = _lazy("The round is created as a draft; add its criteria and assessors.")

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_success_url(self, obj):
        return reverse("livinglabs:round_criteria", args=[obj.slug])


class RoundEditView(ObjectEditView):
    model, form_class, service = SelectionRound, RoundForm, services.round_update
    template_name = "livinglabs/round_form.html"

    def get_form(self, obj, data=None, files=None):
        return self.form_class(data, files, instance=obj, user=self.request.user)


class RoundDeleteView(ObjectDeleteView):
    model, service = SelectionRound, services.round_delete

    @property
    def success_url(self):
        return reverse("livinglabs:round_list")


class RoundCriteriaView(GateView):
    """The criteria and their weights: a list with an "add or change" form (by code)."""

    model, action = SelectionRound, CHANGE

    def _render(self, round, form, status=200):
        return render(self.request, "livinglabs/round_criteria.html", {
            "object": round, "criteria": list(round.criteria.order_by("order", "pk")), "form": form}, status=status)

    def get(self, request, slug):
        return self._render(self.get_object(), CriterionForm())

    def post(self, request, slug):
        round = self.get_object()
        data = request.POST.copy()
        if not data.get("code") and data.get("name"):
            data["code"] = slugify(data["name"])[:40]
        form = CriterionForm(data)
        if submit_form(request, form, partial(services.criterion_save, actor=request.user, round=round),
                       _("Criterion saved.")):
            return redirect("livinglabs:round_criteria", slug=round.slug)
        return self._render(round, form, status=400)


class CriterionDeleteView(ObjectActionView):
    model, service = Criterion, services.criterion_delete
    success_message = _lazy("Criterion removed.")

    def get_return_url(self, obj):
        return reverse("livinglabs:round_criteria", args=[obj.round.slug])


class RoundAssessorsView(GateView):
    model, action = SelectionRound, CHANGE

    def _render(self, round, form, status=200):
        return render(self.request, "livinglabs/round_assessors.html", {
            "object": round, "assessors": Assessor.objects.filter(round=round).select_related("user"),
            "form": form}, status=status)

    def get(self, request, slug):
        return self._render(self.get_object(), AssessorForm())

    def post(self, request, slug):
        round = self.get_object()
        form = AssessorForm(request.POST)
        if submit_form(request, form, partial(services.assessor_add_by_email, actor=request.user, round=round),
                       _("Assessor appointed.")):
            return redirect("livinglabs:round_assessors", slug=round.slug)
        return self._render(round, form, status=400)


class AssessorRemoveView(ObjectActionView):
    model, service = Assessor, services.assessor_remove
    success_message = _lazy("Assessor removed.")

    def get_return_url(self, obj):
        return reverse("livinglabs:round_assessors", args=[obj.round.slug])


class RoundAssessView(GateView):
    """The assessor's sheet: every candidate of the round and whether the assessor has scored it."""

    model, action = SelectionRound, ASSESS

    def get(self, request, slug):
        round = self.get_object()
        assessor, criteria, rows = selectors.assessment_sheet(actor=request.user, round=round)
        return render(request, "livinglabs/round_assess.html", {
            "object": round, "criteria": criteria, "rows": rows, "done": sum(1 for r in rows if r["done"])})


class CandidateAssessView(GateView):
    model, action = SelectionRound, ASSESS

    def _context(self, round, candidate_pk):
        candidate = round.candidates.select_related("region").filter(pk=candidate_pk).first()
        if candidate is None:
            raise Http404
        _assessor, criteria, rows = selectors.assessment_sheet(actor=self.request.user, round=round)
        row = next(r for r in rows if r["candidate"].pk == candidate.pk)
        following = next((r["candidate"] for r in rows if not r["done"] and r["candidate"].pk != candidate.pk), None)
        return candidate, criteria, row["scores"], following

    def get(self, request, slug, candidate):
        round = self.get_object()
        candidate, criteria, scores, following = self._context(round, candidate)
        form = ScoreSheetForm(criteria=criteria, scores=scores)
        return render(request, "livinglabs/candidate_assess.html", {
            "object": round, "candidate": candidate, "form": form, "next": following})

    def post(self, request, slug, candidate):
        round = self.get_object()
        candidate, criteria, scores, following = self._context(round, candidate)
        form = ScoreSheetForm(request.POST, criteria=criteria, scores=scores)
        write = partial(services.scores_save, actor=request.user, round=round, candidate=candidate)
        if submit_form(request, form, write, _("Scores saved.")):
            if following is not None and "save_next" in request.POST:
                return redirect("livinglabs:candidate_assess", slug=round.slug, candidate=following.pk)
            return redirect("livinglabs:round_assess", slug=round.slug)
        return render(request, "livinglabs/candidate_assess.html", {
            "object": round, "candidate": candidate, "form": form, "next": following}, status=400)


class RoundShortlistView(GateView):
    """GET: the latest run (ranking, selection, explanations, sensitivity table). POST: a new run."""

    model, action = SelectionRound, EXPORT

    def get(self, request, slug):
        round = self.get_object()
        run = ShortlistRun.objects.restrict(request.user, VIEW).filter(round=round).first()
        context = {"object": round, "run": run, "may_run": round.is_open and self.get_queryset(CHANGE).filter(
            pk=round.pk).exists(), "current": run is not None and selectors.current_run(round) == run}
        if run is not None:
            names = selectors.round_data(round).names()
            table = presentation.rows(run.result, names)
            context |= {"rows": table, "criteria": run.result["criteria"], "sensitivity": run.result["sensitivity"],
                        "method_label": Method(run.result["method"]).label,
                        "solver_text": presentation.solver_text(run.result),
                        "frequency_chart": presentation.frequency_chart(table),
                        "weights_chart": presentation.weights_chart(run.result),
                        "transitions": selectors.round_page(actor=request.user, round=round)["transitions"]}
        return render(request, "livinglabs/round_shortlist.html", context)

    def post(self, request, slug):
        round = self.get_object(CHANGE)
        try:
            services.round_shortlist(actor=request.user, round=round)
        except ValidationError as error:
            message_error(request, error)
        else:
            messages.success(request, _("The shortlist was computed."))
        return redirect("livinglabs:round_shortlist", slug=round.slug)


class RoundTransitionView(TransitionActionView):
    model, service = SelectionRound, services.round_transition
    success_message = _lazy("The round's status was changed.")


class RoundExportView(GateView):
    """The round's record as Excel or PDF: the frozen one once decided, else the latest run."""

    model, action = SelectionRound, EXPORT
    kind = "xlsx"

    def get(self, request, slug):
        round = self.get_object()
        if round.is_decided and round.frozen:
            document, names = round.frozen, {**round.frozen.get("names", {})}
        else:
            run = ShortlistRun.objects.filter(round=round).first()
            if run is None:
                messages.error(request, _("Run the shortlist first."))
                return redirect("livinglabs:round_shortlist", slug=round.slug)
            document, names = run.result, selectors.round_data(round).names()
        if self.kind == "pdf":
            content, mime = documents.round_pdf(round, document, names), PDF
        else:
            content, mime = documents.round_workbook(round, document, names), XLSX
        return download(content, mime, f"{round.slug}.{self.kind}")
