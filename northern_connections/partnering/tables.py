import django_tables2 as tables
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from northern_connections.core.tables import RowsTable

from .choices import CallStatus, RequestKind, RequestStatus
from .models import FundingCall, PartnerRequest


def _date(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "—"


class FundingCallTable(RowsTable):
    topic_identifier = tables.Column(verbose_name=_("Topic"))
    title = tables.Column(verbose_name=_("Title"))
    programme = tables.Column(verbose_name=_("Programme"))
    deadline = tables.Column(verbose_name=_("Deadline"))
    budget_max_eur = tables.Column(verbose_name=_("Largest grant (EUR)"), attrs={"td": {"class": "num"}})
    status = tables.Column(verbose_name=_("Status"))

    row_format = ('<tr><td>{}</td><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td class="num">{}</td>'
                  "<td>{}</td></tr>")

    class Meta:
        model = FundingCall
        fields = ["topic_identifier", "title", "programme", "deadline", "budget_max_eur", "status"]
        empty_text = _("No call matches these filters.")

    def rows_html(self):
        self._statuses = {code: str(label) for code, label in CallStatus.choices}
        return super().rows_html()

    def row_cells(self, record) -> tuple:
        return (record.topic_identifier, record.get_absolute_url(), record.title, record.programme,
                _date(record.deadline), f"{record.budget_max_eur:,}" if record.budget_max_eur else "—",
                self._statuses.get(record.status, record.status))


class PartnerRequestTable(RowsTable):
    reference = tables.Column(verbose_name=_("Reference"))
    title = tables.Column(verbose_name=_("Title"))
    kind = tables.Column(verbose_name=_("Type"))
    owner = tables.Column(verbose_name=_("Organisation"), accessor="owner__name", order_by="owner__name")
    valid_until = tables.Column(verbose_name=_("Valid until"))
    status = tables.Column(verbose_name=_("Status"))

    row_format = '<tr><td>{}</td><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>'

    class Meta:
        model = PartnerRequest
        fields = ["reference", "title", "kind", "owner", "valid_until", "status"]
        empty_text = _("No partner request matches these filters.")

    def rows_html(self):
        self._kinds = {code: str(label) for code, label in RequestKind.choices}
        self._statuses = {code: str(label) for code, label in RequestStatus.choices}
        return super().rows_html()

    def row_cells(self, record) -> tuple:
        return (record.reference or "—", record.get_absolute_url(), record.title, self._kinds.get(record.kind, ""),
                record.owner.name, _date(record.valid_until), self._statuses.get(record.status, record.status))
