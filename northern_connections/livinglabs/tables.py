import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Candidate, Demonstration


class CandidateTable(tables.Table):
    name = tables.Column(verbose_name=_("Candidate"), linkify=True)
    region = tables.Column(verbose_name=_("Region"), accessor="region__code", order_by=("region__code", "name"))
    site_type = tables.Column(verbose_name=_("Site type"))
    value_chains = tables.ManyToManyColumn(verbose_name=_("Value chains"), orderable=False)
    trl = tables.Column(verbose_name=_("TRL"), accessor="trl_min", order_by=("trl_min", "trl_max"))
    proposed_by = tables.Column(verbose_name=_("Proposed by"))
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Candidate
        fields = ["name", "region", "site_type", "value_chains", "trl", "proposed_by", "status"]
        order_by = ("region", "name")
        empty_text = _("No candidate matches these filters.")

    def render_trl(self, record):
        return f"{record.trl_min}–{record.trl_max}"

    def render_region(self, record):
        return f"{record.region.code} {record.region.name}"


class DemonstrationTable(tables.Table):
    title = tables.Column(verbose_name=_("Demonstration"), linkify=True)
    lab = tables.Column(verbose_name=_("Living Lab"), linkify=True)
    lead = tables.Column(verbose_name=_("Lead company"))
    trl = tables.Column(verbose_name=_("TRL"), accessor="trl_before", orderable=False)
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Demonstration
        fields = ["title", "lab", "lead", "trl", "status"]
        empty_text = _("No demonstration yet.")

    def render_trl(self, record):
        return f"{record.trl_before} → {record.trl_after}" if record.trl_after is not None else f"{record.trl_before}"
