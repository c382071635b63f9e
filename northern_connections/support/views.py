"""Pages of the support map: the measures, their Excel import/export, the coverage analysis, the navigator."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.permissions import can_add
from northern_connections.core.views import (
    PDF,
    XLSX,
    GateView,
    ObjectActionView,
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    TransitionActionView,
    apply_validation_error,
    download,
)
from northern_connections.directory.models import ValueChain

from . import reports, selectors, services, spreadsheets
from .coverage import ALL
from .filtersets import MeasureFilterSet
from .forms import AnalysisForm, ImportForm, MapForm, MeasureCreateForm, MeasureForm, NavigatorForm
from .models import SupportMeasure
from .permissions import VERIFY
from .tables import MeasureTable


class MeasureListView(ObjectListView):
    model = SupportMeasure
    filterset_class = MeasureFilterSet
    table_class = MeasureTable
    template_name = "support/measure_list.html"

    def get_list_queryset(self):
        return selectors.measure_list(actor=self.request.user)


class MeasureExportView(GateView):
    """The list's measures (with its filters) as Excel in the template's shape."""

    model = SupportMeasure

    def get(self, request):
        filterset = MeasureFilterSet(request.GET or None, queryset=selectors.measure_list(actor=request.user),
                                     request=request)
        rows = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        return download(spreadsheets.measures_workbook(rows[:spreadsheets.MAX_ROWS]), XLSX,
                         "support-measures.xlsx")


class MeasureTemplateView(GateView):
    model = SupportMeasure

    def get(self, request):
        return download(spreadsheets.template_workbook(), XLSX, "support-measures-template.xlsx")


class MeasureImportView(GateView):
    """Upload a filled-in template: every row is checked, and all rows are saved or none."""

    model = SupportMeasure
    template_name = "support/measure_import.html"

    def check_add(self):
        if not can_add(self.request.user, SupportMeasure):
            self.deny()

    def get(self, request):
        self.check_add()
        return render(request, self.template_name, {"form": ImportForm(), "columns": spreadsheets.COLUMNS})

    def post(self, request):
        self.check_add()
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                rows = spreadsheets.parse_measures(form.cleaned_data["file"].read())
                counts = services.measures_import(actor=request.user, rows=rows)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Imported: %(created)s new measures, %(updated)s updated.") % counts)
                return redirect("support:measure_list")
        return render(request, self.template_name, {"form": form, "columns": spreadsheets.COLUMNS}, status=400)


class MeasureDetailView(ObjectDetailView):
    model = SupportMeasure
    template_name = "support/measure_detail.html"

    def get_extra_context(self, obj):
        return selectors.measure_page(actor=self.request.user, measure=obj)


class MeasureCreateView(ObjectCreateView):
    model, form_class, service = SupportMeasure, MeasureCreateForm, services.measure_create
    template_name = "support/measure_form.html"

    def get_form_kwargs(self):
        return {"user": self.request.user}


class MeasureEditView(ObjectEditView):
    model, form_class, service = SupportMeasure, MeasureForm, services.measure_update
    template_name = "support/measure_form.html"


class MeasureDeleteView(ObjectDeleteView):
    model, service = SupportMeasure, services.measure_delete
    success_url = reverse_lazy("support:measure_list")


class MeasureTransitionView(TransitionActionView):
    """A move of the measure's life cycle; an empty or unknown status is refused by the workflow."""

    model, service = SupportMeasure, services.measure_transition
    success_message = _lazy("The measure's status was changed.")


class MeasureVerifyView(ObjectActionView):
    """A coordinator confirms the measure's information with today's date."""

    model, service, action = SupportMeasure, services.measure_verify, VERIFY
    success_message = _lazy("The measure is marked as verified today.")
    confirm_question = _lazy("Have you checked with the provider that this information is current?")


def _chain(form) -> ValueChain | None:
    chain = form.cleaned_data.get("value_chain") if form.is_valid() else None
    return chain or ValueChain.objects.order_by("order", "pk").first()


class CoverageView(GateView):
    """The coverage matrix (heatmap and its table), gaps, thin cells, bottlenecks and complements abroad."""

    model = SupportMeasure
    template_name = "support/coverage.html"

    def context(self, request):
        form = AnalysisForm(request.GET or None)
        scope = (form.cleaned_data.get("scope") if form.is_valid() else "") or ALL
        chain = _chain(form)
        if chain is None:
            raise Http404(_("No value chains are loaded yet."))
        context = reports.analysis_context(actor=request.user, scope=scope, value_chain=chain)
        return {**context, "form": form, "query": request.GET.urlencode(), "navigator_links": True}

    def get(self, request):
        return render(request, self.template_name, self.context(request))


class CoverageExportView(CoverageView):
    """The same analysis for policy makers: `?format=pdf` (WeasyPrint) or Excel."""

    def get(self, request):
        context = self.context(request)
        name = f"coverage-{context['scope']}-{context['value_chain'].slug}"
        if request.GET.get("format") == "pdf":
            return download(reports.analysis_pdf(context), PDF, f"{name}.pdf")
        return download(reports.analysis_xlsx(context), XLSX, f"{name}.xlsx")


class CoverageMapView(GateView):
    """Choropleth: measures available per NUTS 2 region for one value chain and TRL (and step)."""

    model = SupportMeasure
    template_name = "support/coverage_map.html"

    def get(self, request):
        form = MapForm(request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        chain = _chain(form)
        if chain is None:
            raise Http404(_("No value chains are loaded yet."))
        trl = data.get("trl") or 7
        step = data.get("step")
        context = reports.map_context(value_chain=chain, trl=trl, step=step)
        return render(request, self.template_name, {**context, "form": form, "value_chain": chain, "trl": trl,
                                                    "step": step})


class NavigatorView(GateView):
    """The SME navigator: the measures that apply now, at home and abroad, and the pathway to the next TRLs."""

    model = SupportMeasure
    template_name = "support/navigator.html"

    def get(self, request):
        initial = {} if request.GET else selectors.navigator_initial(actor=request.user)
        form = NavigatorForm(request.GET or None, initial=initial)
        context = {"form": form, "profile": initial.get("organisation")}
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            context.update(reports.navigator_context(actor=request.user, value_chain=data["value_chain"],
                                                     step=data["step"], trl=data["trl"], region=data["region"],
                                                     kind=data["kind"]))
            context["asked"] = data
        return render(request, self.template_name, context, status=400 if form.is_bound and not form.is_valid()
                      else 200)
