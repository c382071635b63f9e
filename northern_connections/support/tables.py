import django_tables2 as tables
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from northern_connections.core.tables import RowsTable
from northern_connections.directory.tables import verified_badge

from .choices import MeasureKind, MeasureStatus
from .models import SupportMeasure


class MeasureTable(RowsTable):
    name = tables.Column(verbose_name=_("Measure"))
    provider = tables.Column(verbose_name=_("Provider"), accessor="provider__name", order_by="provider__name")
    kind = tables.Column(verbose_name=_("Type"))
    areas = tables.ManyToManyColumn(verbose_name=_("Where"), orderable=False)
    trl_min = tables.Column(verbose_name=_("TRL"), attrs={"td": {"class": "num"}})
    value_chains = tables.ManyToManyColumn(verbose_name=_("Value chains"), orderable=False)
    last_verified = tables.Column(verbose_name=_("Last verified"))
    status = tables.Column(verbose_name=_("Status"))

    row_format = ('<tr><td><a href="{}">{}</a></td><td>{}{}</td><td>{}</td><td>{}</td><td class="num">{}</td>'
                  "<td>{}</td><td>{}</td><td>{}</td></tr>")

    class Meta:
        model = SupportMeasure
        fields = ["name", "provider", "kind", "areas", "trl_min", "value_chains", "last_verified", "status"]
        empty_text = _("No measure matches these filters.")

    def rows_html(self):
        self._kinds = {code: str(label) for code, label in MeasureKind.choices}
        self._statuses = {code: str(label) for code, label in MeasureStatus.choices}
        return super().rows_html()

    def row_cells(self, record) -> tuple:
        return (record.get_absolute_url(), record.name, record.provider.name, verified_badge(record.provider),
                self._kinds.get(record.kind, record.kind), ", ".join(a.code for a in record.areas.all()),
                record.trl_label, ", ".join(str(c) for c in record.value_chains.all()) or _("all"),
                date_format(record.last_verified, "SHORT_DATE_FORMAT") if record.last_verified else "—",
                self._statuses.get(record.status, record.status))
