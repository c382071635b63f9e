"""First-level control pages: an item's outcome, the conclusion, and the certificate and control report PDFs."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from northern_connections.core.views import PDF, GateView, download, submit_form

from .. import documents, services
from ..forms import ConclusionForm, ItemControlForm
from ..models import ExpenditureItem, PartnerReport
from ..permissions import CONTROL


class ItemControlView(GateView):
    model = ExpenditureItem
    action = CONTROL

    def get_queryset(self, action=None):
        # The item's own policy follows its report; "control" is a report action, asked of the report.
        reports = PartnerReport.objects.restrict(self.request.user, action or self.action).values("pk")
        if (action or self.action) == CONTROL:
            return ExpenditureItem.objects.filter(report__in=reports)
        return super().get_queryset(action)

    def post(self, request, pk):
        item = self.get_object()
        form = ItemControlForm(request.POST, prefix=f"item{item.pk}")
        write = lambda **fields: services.item_control_save(actor=request.user, item=item, **fields)  # noqa: E731
        if not submit_form(request, form, write, _("Control outcome saved."), errors_as_messages=True) and form.errors:
            messages.error(request, _("Check the control outcome."))
        return redirect(item.report.get_absolute_url() + "#item-" + str(item.number))


class ConclusionView(GateView):
    model = PartnerReport
    action = CONTROL

    def post(self, request, pk):
        report = self.get_object()
        form = ConclusionForm(request.POST)
        write = lambda **fields: services.control_conclusion_save(actor=request.user, report=report, **fields)  # noqa: E731
        submit_form(request, form, write, _("Conclusion saved."), errors_as_messages=True)
        return redirect(report.get_absolute_url())


class ControlDocumentView(GateView):
    """The certificate or the control report of a certified report (rendered from its frozen figures)."""

    model = PartnerReport
    kind = "certificate"

    def get(self, request, pk):
        report = self.get_object()
        if not report.is_certified:
            raise Http404(_("The report is not certified."))
        render = documents.certificate_pdf if self.kind == "certificate" else documents.control_report_pdf
        return download(render(report), PDF, f"{self.kind}-PP{report.project_partner.number}-{report.number}.pdf")
