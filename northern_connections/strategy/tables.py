import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from northern_connections.core.tables import RowsTable

from .models import RegionalStrategy


class StrategyTable(RowsTable):
    title = tables.Column(verbose_name=_("Strategy"))
    region = tables.Column(verbose_name=_("Region"), accessor="region__name", order_by="region__code")
    period_start = tables.Column(verbose_name=_("Period"))
    adopting_body = tables.Column(verbose_name=_("Adopted by"))
    maintainer = tables.Column(verbose_name=_("Maintained by"), accessor="maintainer__name",
                               order_by="maintainer__name")

    row_format = '<tr><td><a href="{}">{}</a></td><td>{} ({})</td><td>{}</td><td>{}</td><td>{}</td></tr>'

    class Meta:
        model = RegionalStrategy
        fields = ["title", "region", "period_start", "adopting_body", "maintainer"]
        empty_text = _("No strategy matches these filters.")

    def row_cells(self, record) -> tuple:
        return (record.get_absolute_url(), record.title, record.region.name, record.region.code, record.period,
                record.adopting_body or "—", record.maintainer.name)
