import django_tables2 as tables
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from northern_connections.core.search import is_ranked
from northern_connections.core.tables import RowsTable

from .choices import OrganisationKind
from .countries import country_name
from .models import Organisation


def verified_badge(organisation) -> SafeString:
    """The "Verified" badge after a name in tables (text, not colour only); nothing when not verified.

    The same markup as the template partial directory/partials/_verified_badge.html.
    """
    if not organisation.is_verified:
        return mark_safe("")
    return format_html(' <span class="badge-verified"><span aria-hidden="true">✔</span> {}</span>',
                       pgettext("organisation", "Verified"))


class OrganisationTable(RowsTable):
    name = tables.Column(verbose_name=_("Name"))
    kind = tables.Column(verbose_name=_("Kind"))
    country = tables.Column(verbose_name=_("Country"))
    nuts_region = tables.Column(verbose_name=_("Region"), accessor="nuts_region__name", order_by="nuts_region__code")
    city = tables.Column(verbose_name=_("City"))
    value_chains = tables.ManyToManyColumn(verbose_name=_("Value chains"), orderable=False)
    trl = tables.Column(verbose_name=_("TRL"), attrs={"td": {"class": "num"}})

    row_format = (
        '<tr><td><a href="{}">{}</a>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
        '<td class="num">{}</td></tr>'
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "country", "nuts_region", "city", "value_chains", "trl"]
        order_by = "name"
        empty_text = _("No organisation matches these filters.")

    def __init__(self, data, *args, **kwargs):
        # A search result keeps its order of relevance unless the user sorts by a column.
        if is_ranked(data) and "order_by" not in kwargs:
            kwargs["order_by"] = ()
        super().__init__(data, *args, **kwargs)

    def rows_html(self):
        # Labels looked up once per page rather than per row (get_FOO_display rebuilds the choices).
        self._kinds = {value: str(label) for value, label in OrganisationKind.choices}
        return super().rows_html()

    def row_cells(self, record) -> tuple:
        return (
            record.get_absolute_url(), record.name, verified_badge(record), self._kinds.get(record.kind, record.kind),
            country_name(record.country), record.nuts_region.name if record.nuts_region else "—", record.city or "—",
            ", ".join(str(chain) for chain in record.value_chains.all()) or "—",
            record.trl if record.trl is not None else "—",
        )
