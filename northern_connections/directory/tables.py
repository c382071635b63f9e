import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Organisation


class OrganisationTable(tables.Table):
    name = tables.Column(verbose_name=_("Name"), linkify=True)
    kind = tables.Column(verbose_name=_("Kind"))
    country = tables.Column(verbose_name=_("Country"))
    nuts_region = tables.Column(verbose_name=_("Region"), accessor="nuts_region__name", order_by="nuts_region__code")
    city = tables.Column(verbose_name=_("City"))
    value_chains = tables.ManyToManyColumn(verbose_name=_("Value chains"), orderable=False)
    trl = tables.Column(verbose_name=_("TRL"), attrs={"td": {"class": "num"}})

    class Meta:
        model = Organisation
        fields = ["name", "kind", "country", "nuts_region", "city", "value_chains", "trl"]
        order_by = "name"
        empty_text = _("No organisation matches these filters.")

    def render_trl(self, value):
        return value
