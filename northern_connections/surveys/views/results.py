"""Results: the owners' page (filters, charts and tables, free text with tags), the comparison of two
groups or two rounds, the exports, and the public page of published results."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.permissions import VIEW
from northern_connections.core.views import PDF, XLSX, GateView, ObjectActionView, download

from .. import exports, logic, results, selectors, services
from ..filtersets import ResultFilterForm
from ..forms import TagForm
from ..models import Response, Survey
from ..permissions import RESULTS

NAMED_SHOWN = 200  # the page lists who answered a named survey; the Excel export has everyone


class ResultsView(GateView):
    """Counts, percentages and a chart with its table per question; filters; free text with tags."""

    model, action = Survey, RESULTS
    template_name = "surveys/results.html"

    def context(self, request, *, with_charts=True):
        survey = self.get_object()
        form = ResultFilterForm(request.GET or None, choices=selectors.filter_choices(survey=survey))
        filters = form.filters()
        items = results.question_results(survey=survey, filters=filters, with_charts=with_charts)
        return {"survey": survey, "object": survey, "form": form, "filters": filters, "items": items,
                "answered": len(selectors.answer_sets(survey=survey, filters=filters)),
                "filters_label": ", ".join(str(v) for v in filters.labels.values()),
                "minimum_group": survey.minimum_group, "query": request.GET.urlencode(),
                "rounds": selectors.rounds(actor=request.user, survey=survey), "tag_form": TagForm(),
                "named": [] if survey.anonymous else
                selectors.responses_for_owner(actor=request.user, survey=survey, filters=filters)[:NAMED_SHOWN]}

    def get(self, request, slug):
        return render(request, self.template_name, self.context(request))


class ResultsExportView(ResultsView):
    """The same results as Excel (summary, responses, questions) or, with ?format=pdf, a PDF."""

    def get(self, request, slug):
        as_pdf = request.GET.get("format") == "pdf"
        context = self.context(request, with_charts=as_pdf)
        survey = context["survey"]
        if as_pdf:
            return download(exports.results_pdf(context), PDF, f"{survey.slug}-results.pdf")
        content = exports.results_xlsx(actor=request.user, survey=survey, items=context["items"],
                                       filters=context["filters"], filters_label=context["filters_label"])
        return download(content, XLSX, f"{survey.slug}-results.xlsx")


class CompareView(GateView):
    """Two groups side by side (group A and B filters), or this round and another round of the survey."""

    model, action = Survey, RESULTS
    template_name = "surveys/compare.html"

    def get(self, request, slug):
        survey = self.get_object()
        choices = selectors.filter_choices(survey=survey)
        first_form = ResultFilterForm(request.GET or None, choices=choices, prefix="a")
        second_form = ResultFilterForm(request.GET or None, choices=choices, prefix="b")
        rounds = selectors.rounds(actor=request.user, survey=survey)
        other = next((r for r in rounds if request.GET.get("round") == r.slug), None)
        first = selectors.answer_sets(survey=survey, filters=first_form.filters())
        second = selectors.answer_sets(survey=other, filters=second_form.filters()) if other else \
            selectors.answer_sets(survey=survey, filters=second_form.filters())
        compared = results.compare(survey=survey, first=first, second=second, other=other)
        return render(request, self.template_name, {
            "survey": survey, "object": survey, "first_form": first_form, "second_form": second_form,
            "rounds": rounds, "other": other, "compared": compared, "counts": (len(first), len(second)),
            "minimum_group": survey.minimum_group})


class ResponseTagView(ObjectActionView):
    """Tag a free-text answer (owners only), back to the results."""

    model, action, form_class, service = Response, RESULTS, TagForm, services.response_tag
    success_message = _lazy("Tags saved.")

    def get_return_url(self, obj):
        return reverse("surveys:survey_results", kwargs={"slug": obj.survey.slug}) + f"#text-{obj.pk}"


class PublishedResultsView(GateView):
    """The public results of a survey whose owners published them: figures and charts only."""

    model, action = Survey, VIEW
    template_name = "surveys/published.html"

    def get(self, request, slug):
        survey = self.get_object()
        if not survey.results_public or not survey.has_results:
            raise Http404(_("These results are not published."))
        items = [item for item in results.question_results(survey=survey, with_texts=False,
                                                           minimum_group=logic.MIN_GROUP)
                 if item.question.kind != logic.TEXT]
        return render(request, self.template_name, {"survey": survey, "items": items,
                                                    "answered": len(selectors.answer_sets(survey=survey)),
                                                    "minimum_group": logic.MIN_GROUP})
