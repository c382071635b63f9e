import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from northern_connections.core.tables import RowsTable

from .choices import SurveyStatus
from .models import Survey


class SurveyTable(RowsTable):
    title = tables.Column(verbose_name=_("Survey"), orderable=False)
    owner = tables.Column(verbose_name=_("Owner"), accessor="owner__name", order_by="owner__name")
    status = tables.Column(verbose_name=_("Status"))
    anonymous = tables.Column(verbose_name=_("Responses"), orderable=False)
    submitted_count = tables.Column(verbose_name=_("Answers"), attrs={"td": {"class": "num"}})
    created = tables.Column(verbose_name=_("Created"))

    row_format = ('<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td>'
                  "<td>{}</td></tr>")

    class Meta:
        model = Survey
        fields = ["title", "owner", "status", "anonymous", "submitted_count", "created"]
        empty_text = _("No survey matches these filters.")

    def rows_html(self):
        self._statuses = {code: str(label) for code, label in SurveyStatus.choices}
        return super().rows_html()

    def row_cells(self, record) -> tuple:
        from django.utils.formats import date_format

        return (record.get_absolute_url(), record.display_title, record.owner.name,
                self._statuses.get(record.status, record.status),
                _("anonymous") if record.anonymous else _("named"), record.submitted_count,
                date_format(record.created, "SHORT_DATE_FORMAT"))
